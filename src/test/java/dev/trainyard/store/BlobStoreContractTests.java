package dev.trainyard.store;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every {@link BlobStore} does, run against each of them.
 */
abstract class BlobStoreContractTests {

	/** 200 MiB: far more than a part, streamed in and out. */
	static final long LARGE = 200L * 1024 * 1024;

	/**
	 * The store under test, fresh or shared, with room for keys under a random folder.
	 */
	protected abstract BlobStore store();

	/**
	 * A key no other test uses.
	 */
	protected String key(String name) {
		return "checkpoints/contract/" + UUID.randomUUID() + "/" + name;
	}

	@Test
	void storesAndReadsBackABlobWithItsSizeAndSha256() throws IOException {
		String key = key("000010-abc");
		byte[] bytes = "model bytes".getBytes(StandardCharsets.UTF_8);
		StoredBlob blob = store().put(key, new ByteArrayInputStream(bytes));
		assertThat(blob.key()).isEqualTo(key);
		assertThat(blob.size()).isEqualTo(bytes.length);
		assertThat(blob.sha256()).isEqualTo(Sha256.hex(bytes));
		assertThat(blob.location()).isEqualTo(store().location(key)).endsWith(key);
		assertThat(store().exists(key)).isTrue();
		try (InputStream in = store().open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void storesAnEmptyBlob() throws IOException {
		String key = key("empty");
		StoredBlob blob = store().put(key, InputStream.nullInputStream());
		assertThat(blob.size()).isZero();
		assertThat(blob.sha256()).isEqualTo(Sha256.hex(new byte[0]));
		try (InputStream in = store().open(key)) {
			assertThat(in.readAllBytes()).isEmpty();
		}
	}

	@Test
	void streamsA200MbBlobInAndOut() throws IOException {
		String key = key("large");
		String expected = Sha256.hex(new SeededBytes(42, LARGE));
		StoredBlob blob = store().put(key, new SeededBytes(42, LARGE));
		assertThat(blob.size()).isEqualTo(LARGE);
		assertThat(blob.sha256()).isEqualTo(expected);
		CountingStream counted;
		try (InputStream in = store().open(key)) {
			counted = new CountingStream(in);
			assertThat(Sha256.hex(counted)).isEqualTo(expected);
		}
		assertThat(counted.count).isEqualTo(LARGE);
	}

	@Test
	void storesABlobWhoseSizeAndSha256TheCallerKnows() throws IOException {
		String key = key("000011-abc");
		byte[] bytes = "model bytes".getBytes(StandardCharsets.UTF_8);
		StoredBlob blob = store().put(key, new ByteArrayInputStream(bytes), bytes.length, Sha256.hex(bytes));
		assertThat(blob.size()).isEqualTo(bytes.length);
		assertThat(blob.sha256()).isEqualTo(Sha256.hex(bytes));
		try (InputStream in = store().open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
	}

	@Test
	void streamsALargeBlobWhoseSizeAndSha256TheCallerKnows() throws IOException {
		String key = key("large-known");
		long size = 20L * 1024 * 1024 + 5;
		String sha256 = Sha256.hex(new SeededBytes(43, size));
		StoredBlob blob = store().put(key, new SeededBytes(43, size), size, sha256);
		assertThat(blob.size()).isEqualTo(size);
		assertThat(blob.sha256()).isEqualTo(sha256);
		try (InputStream in = store().open(key)) {
			assertThat(Sha256.hex(in)).isEqualTo(sha256);
		}
	}

	@Test
	void contentThatIsNotWhatTheCallerSaidIsNotStored() {
		String key = key("mismatch");
		byte[] bytes = "model bytes".getBytes(StandardCharsets.UTF_8);
		String other = Sha256.hex("other bytes".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(BlobMismatchException.class)
			.isThrownBy(() -> store().put(key, new ByteArrayInputStream(bytes), bytes.length, other))
			.withMessageContaining(key)
			.withMessageContaining(other);
		assertThat(exists(key)).isFalse();
	}

	@Test
	void largeContentThatIsNotWhatTheCallerSaidIsNotStored() throws IOException {
		String key = key("large-mismatch");
		long size = 20L * 1024 * 1024;
		String other = Sha256.hex(new SeededBytes(44, size));
		assertThatExceptionOfType(BlobMismatchException.class)
			.isThrownBy(() -> store().put(key, new SeededBytes(45, size), size, other))
			.withMessageContaining(other);
		assertThatExceptionOfType(BlobMismatchException.class)
			.isThrownBy(() -> store().put(key, new SeededBytes(44, size - 1), size, other))
			.withMessageContaining((size - 1) + " bytes");
		assertThat(exists(key)).isFalse();
	}

	@Test
	void missingBlobIsReportedWithItsLocation() throws IOException {
		String key = key("nope");
		assertThat(store().exists(key)).isFalse();
		assertThatExceptionOfType(BlobNotFoundException.class).isThrownBy(() -> store().open(key))
			.withMessageContaining(key);
	}

	@Test
	void writingAgainReplacesTheBlob() throws IOException {
		String key = key("model.json");
		store().put(key, new ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8)));
		StoredBlob second = store().put(key, new ByteArrayInputStream("second".getBytes(StandardCharsets.UTF_8)));
		assertThat(second.sha256()).isEqualTo(Sha256.hex("second".getBytes(StandardCharsets.UTF_8)));
		try (InputStream in = store().open(key)) {
			assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("second");
		}
	}

	@Test
	void deletesABlobAndIgnoresAMissingOne() throws IOException {
		String key = key("gone");
		store().put(key, new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
		store().delete(key);
		assertThat(store().exists(key)).isFalse();
		store().delete(key);
	}

	@Test
	void failedWriteLeavesNoBlob() {
		String key = key("model.ubj");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> store().put(key, new FailingStream(1000)))
			.withMessageContaining("connection reset");
		assertThat(exists(key)).isFalse();
	}

	@Test
	void failedLargeWriteLeavesNoBlob() {
		String key = key("model.ubj");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> store().put(key, new FailingStream(20L * 1024 * 1024)))
			.withMessageContaining("connection reset");
		assertThat(exists(key)).isFalse();
	}

	@Test
	void keysCannotEscapeTheStore() {
		assertThatIllegalArgumentException().isThrownBy(() -> store().put("../outside", InputStream.nullInputStream()));
	}

	private boolean exists(String key) {
		try {
			return store().exists(key);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Bytes that end in an I/O error after {@code size} of them.
	 */
	static final class FailingStream extends InputStream {

		private final InputStream bytes;

		FailingStream(long size) {
			this.bytes = new SeededBytes(1, size);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.bytes.read(buffer, offset, length);
			if (n < 0) {
				throw new IOException("connection reset");
			}
			return n;
		}

	}

	static final class CountingStream extends FilterInputStream {

		long count;

		CountingStream(InputStream in) {
			super(in);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

}
