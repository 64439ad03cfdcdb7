package dev.trainyard.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.FileSetManifest;
import dev.trainyard.store.FileSets;
import dev.trainyard.store.InvalidFileSetException;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.RunRows;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A command trainer's checkpoint directories: stored file by file with a manifest before
 * the row is recorded, restored verified, the newest bad one skipped with a WARN, pruned
 * like any checkpoint; on every backend (H2 and files, PostgreSQL and S3).
 */
@TrainyardTest
@OnEveryBackend
@TestPropertySource(properties = "trainyard.checkpoints.keep=2")
@ExtendWith(OutputCaptureExtension.class)
class DirectoryCheckpointsTests implements InUseBackend {

	@Autowired
	DirectoryCheckpoints directories;

	@Autowired
	Checkpoints checkpoints;

	@Autowired
	BlobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path temp;

	@Test
	void recordsACheckpointOnlyAfterItsFilesAndManifestAreStored() throws IOException {
		String runId = run();
		Path dir = checkpoint("120", "weights-120");
		CheckpointRef ref = this.directories.save("torch", runId, 120, dir);

		FileSetManifest manifest = FileSets.scan(dir);
		assertThat(ref.fileSet()).isTrue();
		assertThat(ref.round()).isEqualTo(120);
		assertThat(ref.sha256()).isEqualTo(manifest.sha256());
		assertThat(ref.size()).isEqualTo(manifest.bytes().length);
		assertThat(ref.key()).isEqualTo(
				"checkpoints/torch/" + runId + "/000120-" + manifest.sha256().substring(0, 12) + "/manifest.json");
		assertThat(this.store.exists(ref.key())).isTrue();
		assertThat(this.store.exists(ref.key().replace("manifest.json", "files/state/rng.bin"))).isTrue();
		assertThat(this.checkpoints.list(runId)).containsExactly(ref);
	}

	@Test
	void restoresTheNewestCheckpointByteForByte() throws IOException {
		String runId = run();
		this.directories.save("torch", runId, 10, checkpoint("10", "weights-10"));
		Path newest = checkpoint("20", "weights-20");
		CheckpointRef ref = this.directories.save("torch", runId, 20, newest);

		Path resume = this.temp.resolve("resume");
		RestoredCheckpoint restored = this.directories.restoreLatest(runId, resume).orElseThrow();
		assertThat(restored.ref()).isEqualTo(ref);
		assertThat(restored.dir()).isEqualTo(resume);
		assertThat(FileSets.scan(resume)).isEqualTo(FileSets.scan(newest)).isEqualTo(restored.manifest());
		assertThat(Files.readString(resume.resolve("model.pt"))).isEqualTo("weights-20");
	}

	@Test
	void fallsBackToThePreviousCheckpointWhenTheNewestIsCorrupt(CapturedOutput output) throws IOException {
		String runId = run();
		CheckpointRef previous = this.directories.save("torch", runId, 10, checkpoint("10", "weights-10"));
		CheckpointRef newest = this.directories.save("torch", runId, 20, checkpoint("20", "weights-20"));
		StoredBlobs.flipAByte(this.store.location(newest.key().replace("manifest.json", "files/model.pt")));

		Path resume = this.temp.resolve("resume");
		Optional<RestoredCheckpoint> restored = this.directories.restoreLatest(runId, resume);

		assertThat(restored).map(RestoredCheckpoint::ref).contains(previous);
		assertThat(Files.readString(resume.resolve("model.pt"))).isEqualTo("weights-10");
		assertThat(output).contains("Checkpoint at step 20 of run " + runId + " is corrupt and will not be used")
			.contains("model.pt");
		assertThat(this.checkpoints.list(runId)).filteredOn(CheckpointRef::corrupt)
			.extracting(CheckpointRef::id)
			.containsExactly(newest.id());
	}

	@Test
	void findsNothingWhenNoCheckpointVerifies() throws IOException {
		String runId = run();
		CheckpointRef only = this.directories.save("torch", runId, 10, checkpoint("10", "weights-10"));
		this.store.delete(only.key().replace("manifest.json", "files/state/rng.bin"));
		Path resume = this.temp.resolve("resume");
		assertThat(this.directories.restoreLatest(runId, resume)).isEmpty();
		assertThat(resume).isEmptyDirectory();
		assertThatExceptionOfType(CheckpointCorruptException.class)
			.isThrownBy(() -> this.directories.restore(only, this.temp.resolve("again")))
			.withMessageContaining("state/rng.bin is missing");
	}

	@Test
	void keepsOnlyTheNewestCheckpointsFiles() throws IOException {
		String runId = run();
		List<CheckpointRef> saved = List.of(this.directories.save("torch", runId, 10, checkpoint("10", "w10")),
				this.directories.save("torch", runId, 20, checkpoint("20", "w20")),
				this.directories.save("torch", runId, 30, checkpoint("30", "w30")));
		assertThat(this.checkpoints.list(runId)).extracting(CheckpointRef::round, CheckpointRef::deleted)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(30, false),
					org.assertj.core.groups.Tuple.tuple(20, false), org.assertj.core.groups.Tuple.tuple(10, true));
		String oldest = saved.get(0).key();
		assertThat(this.store.exists(oldest)).isFalse();
		assertThat(this.store.exists(oldest.replace("manifest.json", "files/model.pt"))).isFalse();
		assertThat(this.store.exists(saved.get(2).key().replace("manifest.json", "files/model.pt"))).isTrue();
	}

	@Test
	void refusesACheckpointWithASymbolicLinkAndRecordsNothing() throws IOException {
		String runId = run();
		Path dir = checkpoint("10", "w10");
		Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));
		assertThatExceptionOfType(InvalidFileSetException.class)
			.isThrownBy(() -> this.directories.save("torch", runId, 10, dir))
			.withMessageContaining("passwd in " + dir.toAbsolutePath() + " is a symbolic link");
		assertThat(this.checkpoints.list(runId)).isEmpty();
	}

	/** A checkpoint as a trainer publishes it: two files, one in a folder. */
	private Path checkpoint(String step, String weights) throws IOException {
		Path dir = Files.createDirectories(this.temp.resolve("checkpoints").resolve(step));
		Files.writeString(dir.resolve("model.pt"), weights);
		Files.createDirectories(dir.resolve("state"));
		Files.write(dir.resolve("state/rng.bin"), new byte[] { 1, 2, 3, (byte) step.length() });
		return dir;
	}

	private String run() {
		return RunRows.insert(this.jdbc, "torch");
	}

}
