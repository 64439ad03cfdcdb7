package dev.trainyard.training.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.failure.Failures;
import dev.trainyard.store.FileBlobStore;
import dev.trainyard.store.FileSets;
import dev.trainyard.store.StoredFileSet;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import dev.trainyard.training.command.TrainerFixture.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The command trainer protocol (CONTRACT §7) against a small Java trainer run with the
 * JDK's source launcher: environment, progress, log, checkpoints, exit codes and outputs.
 */
class CommandTrainerTests {

	private final Path root;

	private final TrainerFixture fixture;

	CommandTrainerTests(@TempDir Path root) {
		this.root = root;
		this.fixture = new TrainerFixture(root);
	}

	@Test
	void runsTheArgvInTheJobsDirWithTheContractEnvironment() throws Exception {
		TrainerLaunch launch = this.fixture.launch(TrainerFixture.command(Duration.ofSeconds(10), "--echo-env"), null,
				null);
		try (TrainerProcess process = this.fixture.trainer.start(launch, this.fixture.log::add,
				ProgressListener.NONE)) {
			assertThat(TrainerFixture.drain(process).finished()).isNotNull();
		}
		Path attempt = launch.attemptDir().toAbsolutePath();
		assertThat(this.fixture.logText()).contains("cwd=" + this.fixture.jobsDir.toAbsolutePath(),
				"env TRAINYARD_RUN_ID=run-1", "env TRAINYARD_PIPELINE=demo", "env TRAINYARD_SEED=42",
				"env TRAINYARD_TRAIN_DATA=" + this.fixture.data.train().toAbsolutePath(),
				"env TRAINYARD_VALIDATION_DATA=" + this.fixture.data.validation().toAbsolutePath(),
				"env TRAINYARD_LABEL=label", "env TRAINYARD_CHECKPOINT_DIR=" + attempt.resolve("checkpoints"),
				"env TRAINYARD_MODEL_DIR=" + attempt.resolve("model"),
				"env TRAINYARD_METRICS_FILE=" + attempt.resolve("metrics.json"), "env EXTRA_FLAG=on",
				"env PYTHONUNBUFFERED=1");
		assertThat(this.fixture.logText()).noneMatch((line) -> line.startsWith("env TRAINYARD_RESUME_"));
	}

	@Test
	void reportsProgressLogLinesCheckpointsInStepOrderThenTheModel() throws Exception {
		Outcome outcome;
		try (TrainerProcess process = this.fixture.start("--steps", "20", "--checkpoint-every", "5")) {
			assertThat(process.pid()).isPositive();
			assertThat(process.identity().startedAt()).isEqualTo(process.startedAt());
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.steps()).containsExactly(5, 10, 15, 20);
		assertThat(outcome.checkpoints())
			.allSatisfy((checkpoint) -> assertThat(checkpoint.dir().resolve("weights.txt")).isRegularFile());
		assertThat(this.fixture.progress).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
		assertThat(this.fixture.log).noneMatch((line) -> line.text().startsWith("trainyard:progress"));
		assertThat(this.fixture.log).anySatisfy((line) -> {
			assertThat(line.source()).isEqualTo(LogLine.Source.STDERR);
			assertThat(line.text()).startsWith("trainer starting");
		});
		assertThat(this.fixture.log).anySatisfy((line) -> {
			assertThat(line.source()).isEqualTo(LogLine.Source.STDOUT);
			assertThat(line.text()).startsWith("loss ");
		});
		assertThat(outcome.finished().metrics()).containsOnlyKeys("val_loss", "val_accuracy");
		assertThat(outcome.finished().model().files()).extracting("path")
			.containsExactly("state/progress.txt", "weights.txt");
		assertThat(FileSets.scan(outcome.finished().modelDir())).isEqualTo(outcome.finished().model());
	}

	@Test
	void aResumedRunEndsWithTheSameModelAsAnUninterruptedOne() throws Exception {
		Outcome straight;
		try (TrainerProcess process = this.fixture.start("--steps", "20", "--checkpoint-every", "5")) {
			straight = TrainerFixture.drain(process);
		}
		FileSets fileSets = new FileSets(new FileBlobStore(this.root.resolve("store")));
		Path marker = this.root.resolve("failed-once");
		Outcome interrupted;
		StoredFileSet[] newest = new StoredFileSet[1];
		try (TrainerProcess process = this.fixture.start("--steps", "20", "--checkpoint-every", "5", "--fail-once-at",
				"12", marker.toString())) {
			interrupted = TrainerFixture.drain(process, (checkpoint) -> {
				newest[0] = store(fileSets, checkpoint);
				process.discard(checkpoint);
			});
		}
		assertThat(interrupted.failure().kind()).isEqualTo(Kind.TRANSIENT);
		assertThat(Failures.classify(interrupted.failure())).isEqualTo(FailureKind.TRANSIENT);
		assertThat(interrupted.failure().exitCode()).isEqualTo(75);
		assertThat(interrupted.failure()).hasMessageContaining("exited with code 75")
			.hasMessageContaining("a transient failure at step 12");
		assertThat(interrupted.steps()).containsExactly(5, 10);
		assertThat(interrupted.checkpoints().get(1).dir()).doesNotExist();

		Path resume = this.root.resolve("resume");
		fileSets.restore(newest[0].manifestKey(), newest[0].sha256(), resume);
		Outcome resumed;
		try (TrainerProcess process = this.fixture.start(TrainerFixture.command(Duration.ofSeconds(10), "--steps", "20",
				"--checkpoint-every", "5", "--fail-once-at", "12", marker.toString()), null,
				new TrainerLaunch.Resume(resume, 10))) {
			resumed = TrainerFixture.drain(process);
		}
		assertThat(this.fixture.logText()).contains("resuming from step 10");
		assertThat(resumed.steps()).containsExactly(15, 20);
		assertThat(resumed.finished().model().sha256()).isEqualTo(straight.finished().model().sha256());
		assertThat(resumed.finished().metrics()).isEqualTo(straight.finished().metrics());
	}

	@Test
	void anyOtherExitCodeFailsWithTheCodeAndTheLastLogLines() throws Exception {
		Outcome outcome;
		try (TrainerProcess process = this.fixture.start("--steps", "20", "--checkpoint-every", "2", "--exit-at", "5",
				"3")) {
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.steps()).containsExactly(2, 4);
		assertThat(outcome.failure().kind()).isEqualTo(Kind.FAILED);
		assertThat(Failures.classify(outcome.failure())).isEqualTo(FailureKind.FATAL);
		assertThat(outcome.failure().exitCode()).isEqualTo(3);
		assertThat(outcome.failure()).hasMessageContaining("exited with code 3; its last log lines:\n")
			.hasMessageEndingWith("giving up at step 5");
	}

	@Test
	void exitZeroWithoutAMetricsFileIsABadOutputNamingTheFile() throws Exception {
		TrainerLaunch launch = this.fixture.launch(TrainerFixture.command(Duration.ofSeconds(10), "--no-metrics"), null,
				null);
		Outcome outcome;
		try (TrainerProcess process = this.fixture.trainer.start(launch, LogSink.NONE, ProgressListener.NONE)) {
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.failure().kind()).isEqualTo(Kind.BAD_OUTPUT);
		assertThat(outcome.failure().exitCode()).isZero();
		assertThat(outcome.failure()).hasMessage("the metrics file " + launch.metricsFile()
				+ " does not exist: the trainer exited 0 without writing its metrics");
	}

	@Test
	void exitZeroWithMalformedMetricsIsABadOutputSayingWhatIsWrong() throws Exception {
		Outcome outcome;
		try (TrainerProcess process = this.fixture.start("--metrics",
				"{\"val_loss\": 0.3, \"val_accuracy\": \"high\"}")) {
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.failure().kind()).isEqualTo(Kind.BAD_OUTPUT);
		assertThat(outcome.failure()).hasMessageContaining("metrics.json val_accuracy is \"high\", not a number");
	}

	@Test
	void exitZeroWithAnEmptyModelDirectoryIsABadOutput() throws Exception {
		Outcome outcome;
		try (TrainerProcess process = this.fixture.start("--no-model")) {
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.failure().kind()).isEqualTo(Kind.BAD_OUTPUT);
		assertThat(outcome.failure()).hasMessageContaining("(TRAINYARD_MODEL_DIR) is empty");
	}

	@Test
	void aModelWithASymbolicLinkIsABadOutput() throws Exception {
		Path outside = Files.writeString(this.root.resolve("outside.txt"), "not the model");
		TrainerLaunch launch = this.fixture.launch(TrainerFixture.command(Duration.ofSeconds(10), "--no-model"), null,
				null);
		Files.createDirectories(launch.modelDir());
		Outcome outcome;
		try (TrainerProcess process = this.fixture.trainer.start(launch, LogSink.NONE, ProgressListener.NONE)) {
			Files.createSymbolicLink(launch.modelDir().resolve("model.bin"), outside);
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.failure().kind()).isEqualTo(Kind.BAD_OUTPUT);
		assertThat(outcome.failure()).hasMessageContaining("model.bin in ").hasMessageContaining("is a symbolic link");
	}

	@Test
	void aHalfWrittenCheckpointIsNeverReported() throws Exception {
		Outcome outcome;
		TrainerLaunch launch = this.fixture
			.launch(TrainerFixture.command(Duration.ofSeconds(10), "--steps", "10", "--partial-at", "7"), null, null);
		try (TrainerProcess process = this.fixture.trainer.start(launch, LogSink.NONE, ProgressListener.NONE)) {
			outcome = TrainerFixture.drain(process);
		}
		assertThat(outcome.steps()).containsExactly(5, 10);
		assertThat(launch.checkpointDir().resolve("tmp-7")).isDirectory();
	}

	@Test
	void aProgramThatCannotBeStartedFailsNamingIt() {
		TrainerLaunch launch = this.fixture
			.launch(new dev.trainyard.pipeline.PipelineDefinition.CommandSpec(List.of("no-such-trainer-program", "--x"),
					java.util.Map.of(), TrainerFixture.METRICS, Duration.ofSeconds(1), List.of()), null, null);
		assertThatExceptionOfType(CommandTrainerException.class)
			.isThrownBy(() -> this.fixture.trainer.start(launch, LogSink.NONE, ProgressListener.NONE))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(Kind.FAILED);
				assertThat(ex.exitCode()).isNull();
			})
			.withMessageContaining(
					"cannot start the trainer [no-such-trainer-program, --x] in " + this.fixture.jobsDir);
	}

	@Test
	void refusesAnAttemptDirectoryThatWasUsedBefore() throws IOException {
		TrainerLaunch launch = this.fixture.launch(TrainerFixture.command(Duration.ofSeconds(1)), null, null);
		Files.createDirectories(launch.checkpointDir().resolve("5"));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.fixture.trainer.start(launch, LogSink.NONE, ProgressListener.NONE))
			.withMessageContaining("is not empty: use a new attempt directory");
	}

	@Test
	void cutsAHugeLogLine() throws Exception {
		try (TrainerProcess process = this.fixture.start("--huge-line", "100000")) {
			assertThat(TrainerFixture.drain(process).finished()).isNotNull();
		}
		assertThat(this.fixture.logText()).contains("x".repeat(1000) + "… [99000 more characters]");
	}

	private static StoredFileSet store(FileSets fileSets, CheckpointReady checkpoint) {
		try {
			return fileSets.store(checkpoint.dir(), FileSets.scan(checkpoint.dir()),
					"checkpoints/" + checkpoint.step());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
