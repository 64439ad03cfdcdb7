package dev.trainyard.training.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.checkpoint.DirectoryCheckpoints;
import dev.trainyard.checkpoint.RestoredCheckpoint;
import dev.trainyard.store.BlobStore;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.RunRows;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TrainyardTest;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.TrainerFixture.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pieces the training step puts together, in the application: each checkpoint a
 * command trainer publishes is stored and recorded; after exit 75 the newest checkpoint
 * that verifies is restored (a corrupt newer one is skipped with a WARN) and a new
 * attempt continues from it to the same model as an uninterrupted run; on every backend
 * (H2 and files, PostgreSQL and S3).
 */
@TrainyardTest
@OnEveryBackend
@ExtendWith(OutputCaptureExtension.class)
class CommandCheckpointsTests implements InUseBackend {

	@Autowired
	CommandTrainer trainer;

	@Autowired
	DirectoryCheckpoints directories;

	@TempDir
	Path root;

	@Test
	void aTransientFailureResumesFromTheNewestCheckpointThatVerifiesToTheSameModel(CapturedOutput output,
			@Autowired Checkpoints checkpoints, @Autowired BlobStore store, @Autowired JdbcTemplate jdbc)
			throws Exception {
		TrainerFixture fixture = new TrainerFixture(this.root);
		String[] options = { "--steps", "20", "--checkpoint-every", "4", "--fail-once-at", "14",
				this.root.resolve("failed-once").toString() };
		Outcome straight;
		try (TrainerProcess process = this.trainer.start(fixture.launch(
				TrainerFixture.command(Duration.ofSeconds(10), "--steps", "20", "--checkpoint-every", "4"), null, null),
				LogSink.NONE, ProgressListener.NONE)) {
			straight = TrainerFixture.drain(process);
		}

		String runId = RunRows.insert(jdbc, "demo");
		List<CheckpointRef> saved = new ArrayList<>();
		Outcome failed;
		try (TrainerProcess process = this.trainer.start(
				fixture.launch(TrainerFixture.command(Duration.ofSeconds(10), options), null, null), LogSink.NONE,
				ProgressListener.NONE)) {
			failed = TrainerFixture.drain(process, (checkpoint) -> {
				saved.add(this.directories.save("demo", runId, checkpoint.step(), checkpoint.dir()));
				process.discard(checkpoint);
			});
		}
		assertThat(failed.failure().kind()).isEqualTo(Kind.TRANSIENT);
		assertThat(checkpoints.list(runId)).extracting(CheckpointRef::round).containsExactly(12, 8, 4);
		StoredBlobs.flipAByte(store.location(saved.get(2).key().replace("manifest.json", "files/weights.txt")));

		Path resumeDir = this.root.resolve("resume");
		RestoredCheckpoint restored = this.directories.restoreLatest(runId, resumeDir).orElseThrow();
		assertThat(restored.ref().round()).isEqualTo(8);
		assertThat(output).contains("Checkpoint at step 12 of run " + runId + " is corrupt");

		Outcome resumed;
		try (TrainerProcess process = this.trainer.start(
				fixture.launch(TrainerFixture.command(Duration.ofSeconds(10), options), null,
						new TrainerLaunch.Resume(restored.dir(), restored.ref().round())),
				LogSink.NONE, ProgressListener.NONE)) {
			resumed = TrainerFixture.drain(process);
		}
		assertThat(resumed.steps()).containsExactly(12, 16, 20);
		assertThat(resumed.finished().model().sha256()).isEqualTo(straight.finished().model().sha256());
	}

}
