package dev.trainyard.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileBlobStoreTests {

	@TempDir
	Path root;

	@Test
	void storesAndReadsBackABlobWithItsSizeAndSha256() throws IOException {
		FileBlobStore store = new FileBlobStore(this.root);
		byte[] bytes = "model bytes".getBytes();
		StoredBlob blob = store.put("checkpoints/p/r/000010-abc", new ByteArrayInputStream(bytes));
		assertThat(blob.size()).isEqualTo(bytes.length);
		assertThat(blob.sha256()).isEqualTo(Sha256.hex(bytes));
		assertThat(blob.location()).startsWith("file:").endsWith("checkpoints/p/r/000010-abc");
		try (InputStream in = store.open("checkpoints/p/r/000010-abc")) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
		assertThat(store.exists("checkpoints/p/r/000010-abc")).isTrue();
	}

	@Test
	void failedWriteLeavesNeitherTheBlobNorATemporaryFile() throws IOException {
		FileBlobStore store = new FileBlobStore(this.root);
		InputStream failing = new InputStream() {
			private int left = 1000;

			@Override
			public int read() throws IOException {
				if (this.left-- <= 0) {
					throw new IOException("connection reset");
				}
				return 7;
			}
		};
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.put("models/p/1/model.ubj", failing));
		assertThat(store.exists("models/p/1/model.ubj")).isFalse();
		try (var files = Files.walk(this.root)) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

	@Test
	void missingBlobIsReportedWithItsLocation() {
		FileBlobStore store = new FileBlobStore(this.root);
		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> store.open("nope"))
			.withMessageContaining("nope");
	}

	@Test
	void keysCannotEscapeTheStore() {
		FileBlobStore store = new FileBlobStore(this.root);
		assertThatIllegalArgumentException().isThrownBy(() -> store.put("../outside", InputStream.nullInputStream()));
	}

}
