package dev.trainyard.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Storing a directory as a set of files and restoring it verified, run against each
 * store: {@link FileFileSetsTests} and {@link S3ProxyFileSetsTests}.
 */
abstract class FileSetsContractTests {

	/** More than an S3 part (8 MiB in these tests): streamed as a multipart upload. */
	static final long LARGE = 20L * 1024 * 1024;

	@TempDir
	Path temp;

	protected abstract BlobStore store();

	/**
	 * Changes one byte of a stored blob behind the store's back, as a failing disk would.
	 */
	protected abstract void damage(String key) throws IOException;

	private FileSets fileSets() {
		return new FileSets(store());
	}

	private String prefix() {
		return "checkpoints/file-sets/" + UUID.randomUUID() + "/000120";
	}

	@Test
	void storesADirectoryAndRestoresExactlyItsBytes() throws IOException {
		Path dir = checkpoint("source");
		try (InputStream in = new SeededBytes(7, LARGE)) {
			Files.copy(in, dir.resolve("weights.bin"));
		}
		FileSetManifest manifest = FileSets.scan(dir);
		StoredFileSet stored = fileSets().store(dir, manifest, prefix());

		assertThat(stored.sha256()).isEqualTo(manifest.sha256()).isEqualTo(Sha256.hex(manifest.bytes()));
		assertThat(stored.manifestSize()).isEqualTo(manifest.bytes().length);
		assertThat(stored.manifestKey()).endsWith("/000120/manifest.json");
		assertThat(stored.location()).isEqualTo(store().location(stored.manifestKey()));
		assertThat(manifest.files()).extracting(FileSetManifest.Entry::path)
			.containsExactly("empty.txt", "model.pt", "nested/deeper/rng.state", "weights.bin");
		assertThat(manifest.totalSize()).isEqualTo(LARGE + 5 + 3);

		Path restored = this.temp.resolve("restored");
		assertThat(fileSets().restore(stored.manifestKey(), stored.sha256(), restored)).isEqualTo(manifest);
		assertThat(FileSets.scan(restored)).isEqualTo(manifest);
		assertThat(Files.readString(restored.resolve("nested/deeper/rng.state"))).isEqualTo("rng");
		assertThat(Files.size(restored.resolve("empty.txt"))).isZero();
	}

	@Test
	void restoreNamesAFileWhoseBytesChangedAndLeavesTheTargetEmpty() throws IOException {
		StoredFileSet stored = fileSets().store(checkpoint("source"), FileSets.scan(this.temp.resolve("source")),
				prefix());
		damage(stored.manifestKey().replace("manifest.json", "files/nested/deeper/rng.state"));
		Path target = this.temp.resolve("restored");
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> fileSets().restore(stored.manifestKey(), stored.sha256(), target))
			.withMessageContaining("nested/deeper/rng.state");
		assertThat(entries(target)).isEmpty();
	}

	@Test
	void restoreNamesAMissingFile() throws IOException {
		StoredFileSet stored = fileSets().store(checkpoint("source"), FileSets.scan(this.temp.resolve("source")),
				prefix());
		store().delete(stored.manifestKey().replace("manifest.json", "files/model.pt"));
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> fileSets().restore(stored.manifestKey(), stored.sha256(), this.temp.resolve("r")))
			.withMessageContaining("model.pt is missing");
	}

	@Test
	void restoreRefusesAManifestThatIsNotTheRecordedOneOrIsGone() throws IOException {
		StoredFileSet stored = fileSets().store(checkpoint("source"), FileSets.scan(this.temp.resolve("source")),
				prefix());
		String other = Sha256.hex(new byte[] { 1 });
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> fileSets().restore(stored.manifestKey(), other, this.temp.resolve("r1")))
			.withMessageContaining(stored.location())
			.withMessageContaining(other + " was recorded");
		damage(stored.manifestKey());
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> fileSets().restore(stored.manifestKey(), stored.sha256(), this.temp.resolve("r2")))
			.withMessageContaining(stored.location());
		store().delete(stored.manifestKey());
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> fileSets().restore(stored.manifestKey(), stored.sha256(), this.temp.resolve("r3")))
			.withMessageContaining("cannot be used");
	}

	@Test
	void restoreRefusesAManifestWithAPathOutsideTheTarget() throws IOException {
		String escaping = "{\"format\":\"trainyard.file-set/1\",\"files\":[\n{\"path\":\"../escaped\",\"size\":1,"
				+ "\"sha256\":\"" + Sha256.hex(new byte[] { 1 }) + "\"}\n]}\n";
		byte[] bytes = escaping.getBytes(StandardCharsets.UTF_8);
		String key = FileSets.manifestKey(prefix());
		store().put(key, new ByteArrayInputStream(bytes));
		Path target = this.temp.resolve("inside/target");
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> fileSets().restore(key, Sha256.hex(bytes), target))
			.withMessageContaining("'../escaped' is not a plain relative path");
		assertThat(target.resolveSibling("escaped")).doesNotExist();
	}

	@Test
	void restoreRefusesATargetThatIsNotEmpty() throws IOException {
		StoredFileSet stored = fileSets().store(checkpoint("source"), FileSets.scan(this.temp.resolve("source")),
				prefix());
		Path target = Files.createDirectories(this.temp.resolve("busy"));
		Files.writeString(target.resolve("old"), "x");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fileSets().restore(stored.manifestKey(), stored.sha256(), target))
			.withMessageContaining("not empty");
	}

	@Test
	void deletesEveryBlobOfASet() throws IOException {
		StoredFileSet stored = fileSets().store(checkpoint("source"), FileSets.scan(this.temp.resolve("source")),
				prefix());
		String files = stored.manifestKey().replace("manifest.json", "files/");
		assertThat(store().exists(files + "model.pt")).isTrue();
		fileSets().delete(stored.manifestKey());
		for (String path : new String[] { "model.pt", "empty.txt", "nested/deeper/rng.state" }) {
			assertThat(store().exists(files + path)).as(path).isFalse();
		}
		assertThat(store().exists(stored.manifestKey())).isFalse();
	}

	@Test
	void refusesAFileThatChangedBetweenTheScanAndTheStore() throws IOException {
		Path dir = checkpoint("source");
		FileSetManifest manifest = FileSets.scan(dir);
		Files.writeString(dir.resolve("model.pt"), "MODEL");
		String prefix = prefix();
		assertThatExceptionOfType(InvalidFileSetException.class)
			.isThrownBy(() -> fileSets().store(dir, manifest, prefix))
			.withMessageContaining("model.pt in " + dir.toAbsolutePath() + " changed while it was being stored");
		assertThat(store().exists(FileSets.manifestKey(prefix))).isFalse();
	}

	/** A checkpoint-like directory: files at two depths and an empty one. */
	private Path checkpoint(String name) throws IOException {
		Path dir = Files.createDirectories(this.temp.resolve(name));
		Files.writeString(dir.resolve("model.pt"), "model");
		Files.createDirectories(dir.resolve("nested/deeper"));
		Files.writeString(dir.resolve("nested/deeper/rng.state"), "rng");
		Files.createFile(dir.resolve("empty.txt"));
		return dir;
	}

	private static java.util.List<Path> entries(Path dir) throws IOException {
		try (Stream<Path> list = Files.list(dir)) {
			return list.toList();
		}
	}

}
