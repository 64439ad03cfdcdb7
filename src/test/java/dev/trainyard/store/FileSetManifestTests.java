package dev.trainyard.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The manifest of a set of files: deterministic bytes, and a scan that reads nothing
 * outside its directory.
 */
class FileSetManifestTests {

	@TempDir
	Path temp;

	@Test
	void writesTheSameBytesForTheSameFilesWhateverTheOrderOrTimeTheyWereWritten() throws IOException {
		Path first = Files.createDirectories(this.temp.resolve("first"));
		Files.writeString(first.resolve("b.bin"), "bee");
		Files.createDirectories(first.resolve("a"));
		Files.writeString(first.resolve("a/z.txt"), "zed");
		Path second = Files.createDirectories(this.temp.resolve("second"));
		Files.createDirectories(second.resolve("a"));
		Files.writeString(second.resolve("a/z.txt"), "zed");
		Files.writeString(second.resolve("b.bin"), "bee");
		Files.setLastModifiedTime(second.resolve("b.bin"), java.nio.file.attribute.FileTime.fromMillis(0));

		FileSetManifest manifest = FileSets.scan(first);
		assertThat(FileSets.scan(second).bytes()).isEqualTo(manifest.bytes());
		assertThat(new String(manifest.bytes(), StandardCharsets.UTF_8))
			.isEqualTo("{\"format\":\"trainyard.file-set/1\",\"files\":[\n"
					+ "{\"path\":\"a/z.txt\",\"size\":3,\"sha256\":\"" + Sha256.hex("zed".getBytes()) + "\"},\n"
					+ "{\"path\":\"b.bin\",\"size\":3,\"sha256\":\"" + Sha256.hex("bee".getBytes()) + "\"}\n" + "]}\n");

		Files.writeString(second.resolve("b.bin"), "bea");
		assertThat(FileSets.scan(second).sha256()).isNotEqualTo(manifest.sha256());
	}

	@Test
	void readsBackWhatItWritesAndNothingElse() {
		FileSetManifest manifest = new FileSetManifest(
				List.of(new FileSetManifest.Entry("x \"quoted\" \\ é.txt", 1, Sha256.hex(new byte[] { 1 }))));
		assertThat(ManifestParser.parse(manifest.bytes(), "here")).isEqualTo(manifest);
		byte[] reformatted = new String(manifest.bytes(), StandardCharsets.UTF_8).replace("\n", "")
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> ManifestParser.parse(reformatted, "here"))
			.withMessageContaining("the manifest here is not in the canonical form");
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> ManifestParser.parse("{\"files\":[]}".getBytes(), "here"))
			.withMessageContaining("is not a trainyard.file-set/1 manifest");
		assertThatExceptionOfType(FileSetCorruptException.class)
			.isThrownBy(() -> ManifestParser.parse("{".getBytes(), "here"))
			.withMessageContaining("is not JSON");
	}

	@Test
	void refusesPathsThatLeaveTheSetAndEntriesListedTwice() {
		String sha256 = Sha256.hex(new byte[0]);
		for (String path : List.of("../x", "a/../../x", "/abs", "a//b", "./a", "", "new\nline")) {
			assertThatIllegalArgumentException().as(path).isThrownBy(() -> new FileSetManifest.Entry(path, 0, sha256));
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FileSetManifest(
					List.of(new FileSetManifest.Entry("a", 0, sha256), new FileSetManifest.Entry("a", 0, sha256))))
			.withMessageContaining("listed twice");
	}

	@Test
	void refusesSymbolicLinksToFilesAndDirectories() throws IOException {
		Path outside = Files.writeString(this.temp.resolve("secret.txt"), "secret");
		Path dir = Files.createDirectories(this.temp.resolve("checkpoint"));
		Files.writeString(dir.resolve("model.pt"), "model");
		Files.createSymbolicLink(dir.resolve("link.txt"), outside);
		assertThatExceptionOfType(InvalidFileSetException.class).isThrownBy(() -> FileSets.scan(dir))
			.withMessageContaining("link.txt in " + dir.toAbsolutePath() + " is a symbolic link");

		Files.delete(dir.resolve("link.txt"));
		Files.createSymbolicLink(dir.resolve("linked-dir"), this.temp);
		assertThatExceptionOfType(InvalidFileSetException.class).isThrownBy(() -> FileSets.scan(dir))
			.withMessageContaining("linked-dir in " + dir.toAbsolutePath() + " is a symbolic link");

		Path linkedRoot = Files.createSymbolicLink(this.temp.resolve("root-link"), dir);
		assertThatExceptionOfType(InvalidFileSetException.class).isThrownBy(() -> FileSets.scan(linkedRoot))
			.withMessageContaining("is not a directory but a symbolic link");
	}

	@Test
	void refusesSpecialFilesAndNamesThatCannotBeKeys() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("checkpoint"));
		Path fifo = dir.resolve("pipe");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		assertThatExceptionOfType(InvalidFileSetException.class).isThrownBy(() -> FileSets.scan(dir))
			.withMessageContaining("pipe in " + dir.toAbsolutePath() + " is not a regular file");
		Files.delete(fifo);
		Files.writeString(dir.resolve("tab\tname"), "x");
		assertThatExceptionOfType(InvalidFileSetException.class).isThrownBy(() -> FileSets.scan(dir))
			.withMessageContaining("has a control character in its name");
	}

}
