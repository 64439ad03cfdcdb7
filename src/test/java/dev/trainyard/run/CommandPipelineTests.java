package dev.trainyard.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import dev.trainyard.training.command.TrainerFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command trainer (CONTRACT §7) driven by runs, with the test trainer run by the JDK's
 * single-file source launcher: the same job as XGBoost, checkpoints stored and recorded,
 * the model directory as the version's artifact, gates on the declared metrics, exit 75
 * retried, any other exit failed at once with the log's tail, a missing metrics file
 * named, a corrupt newest checkpoint skipped, and a timeout or stop that leaves no
 * trainer running.
 */
@TrainyardTest
class CommandPipelineTests {

	@Autowired
	Runs runs;

	@Autowired
	ModelRegistry registry;

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@Test
	void commandPipelineRunsEndToEndAndIsPromotedOnItsOwnMetric() throws IOException {
		write("cmd-good", "[--steps, '20', --checkpoint-every, '5']", "", "");

		RunView run = launch("cmd-good");

		assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(run.metrics()).containsKeys("val_accuracy", "val_loss");
		assertThat(run.checkpoints()).extracting(RunView.CheckpointView::round).contains(20, 15);
		assertThat(run.progress().round()).isEqualTo(20);
		assertThat(run.progress().rounds()).isEqualTo(20);
		ModelVersion version = this.registry.champion("cmd-good").orElseThrow();
		assertThat(version.isFileSet()).isTrue();
		assertThat(run.modelSha256()).hasSize(64).isEqualTo(version.sha256());
		assertThat(this.runs.logs(run.runId(), 100)).anyMatch((line) -> line.startsWith("loss "))
			.noneMatch((line) -> line.startsWith("trainyard:progress"));

		RunView second = launch("cmd-good");
		assertThat(second.outcome()).as("max-regression against the champion's recorded metrics")
			.isEqualTo(Outcome.PROMOTED);
		assertThat(second.championMetrics()).isEqualTo(version.metrics());
		assertThat(second.modelSha256()).as("deterministic").isEqualTo(run.modelSha256());
	}

	@Test
	void exitSeventyFiveOnceIsRetriedFromTheNewestCheckpointAndPromoted() throws IOException {
		Path marker = TestDirs.fresh().resolve("failed-once");
		write("cmd-flaky", "[--steps, '20', --checkpoint-every, '5', --fail-once-at, '12', '" + marker + "']", "", "");

		RunView run = launch("cmd-flaky");

		assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(marker).exists();
		List<String> log = this.runs.logs(run.runId(), 1000);
		assertThat(log.stream().filter((line) -> line.startsWith("trainer starting"))).hasSize(2);
		assertThat(log).contains("resuming from step 10");
		assertThat(this.meters.counter("trainyard.retries", "pipeline", "cmd-flaky", "step", "train").count())
			.as("the trainer's restart counted as a retry of the train step")
			.isEqualTo(1);
	}

	@Test
	void anotherExitCodeFailsAtOnceWithTheLastLogLines() throws IOException {
		write("cmd-broken", "[--steps, '20', --checkpoint-every, '5', --exit-at, '7', '3']", "", "");

		RunView run = launch("cmd-broken");

		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(run.error()).contains("exited with code 3").contains("giving up at step 7");
		assertThat(run.nextAttemptAt()).as("not restarted").isNull();
		assertThat(this.runs.logs(run.runId(), 1000).stream().filter((line) -> line.startsWith("trainer starting")))
			.as("started once")
			.hasSize(1);
	}

	@Test
	void aMissingMetricsFileFailsTheRunNamingIt() throws IOException {
		write("cmd-nometrics", "[--steps, '5', --checkpoint-every, '5', --no-metrics]", "", "");

		RunView run = launch("cmd-nometrics");

		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.error()).contains("metrics.json");
	}

	@Test
	void aCorruptNewestCheckpointIsSkippedWithAWarningAndThePreviousOneUsed() throws IOException {
		Path marker = TestDirs.fresh().resolve("failed-once");
		write("cmd-corrupt", "[--steps, '20', --checkpoint-every, '5', --fail-once-at, '12', '" + marker + "']",
				"max-attempts: 1, max-run-restarts: 0, ", "");
		RunView failed = launch("cmd-corrupt");
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(failed.checkpoints()).extracting(RunView.CheckpointView::round).contains(10, 5);

		Path store = Path.of(this.environment.getRequiredProperty("trainyard.store.root"));
		Path newest;
		try (Stream<Path> files = Files.walk(store.resolve("checkpoints/cmd-corrupt/" + failed.runId()))) {
			newest = files.filter((file) -> file.toString().contains("/000010-") && file.endsWith("weights.txt"))
				.findFirst()
				.orElseThrow();
		}
		Files.writeString(newest, "not the weights\n");

		RunView resumed = this.runs.find(this.runs.restart(failed.runId(), "tester").runId()).orElseThrow();

		assertThat(resumed.status()).as(resumed.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(resumed.resumedFromRound()).isEqualTo(5);
		assertThat(resumed.checkpoints()).anyMatch((checkpoint) -> checkpoint.round() == 10 && checkpoint.corrupt());
		assertThat(this.runs.logs(resumed.runId(), 1000)).contains("resuming from step 5");
	}

	@Test
	void aTrainerPastItsTimeoutIsStoppedAndTheRunFailsTimedOut() throws IOException {
		String tag = "timeout-" + System.nanoTime();
		write("cmd-slow", "[--steps, '100000', --checkpoint-every, '5', --sleep-ms, '50', --fail-once-at, '999999', '"
				+ tag + "']", "", "  timeout: 4s\n  stop-grace: 2s\n");

		RunView run = launch("cmd-slow");

		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.failureReason()).isEqualTo("TIMED_OUT");
		assertThat(trainers(tag)).as("no trainer left running").isEmpty();
	}

	@Test
	void aStopEndsTheTrainerAndTheRunIsStopped() throws IOException {
		String tag = "stop-" + System.nanoTime();
		write("cmd-stop", "[--steps, '100000', --checkpoint-every, '5', --sleep-ms, '20', --fail-once-at, '999999', '"
				+ tag + "']", "", "");

		CompletableFuture<RunView> launched = CompletableFuture.supplyAsync(() -> launch("cmd-stop"));
		await().atMost(java.time.Duration.ofMinutes(2))
			.until(() -> this.runs.list("cmd-stop", null, 1)
				.stream()
				.anyMatch((run) -> !run.checkpoints().isEmpty() && run.status() == RunStatus.STARTED));
		String runId = this.runs.list("cmd-stop", null, 1).get(0).runId();
		this.runs.stop(runId, "tester");
		RunView stopped = launched.join();

		assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
		assertThat(trainers(tag)).as("no trainer left running").isEmpty();
	}

	private RunView launch(String pipeline) {
		return this.runs.find(this.runs.launch(pipeline, "tester").runId()).orElseThrow();
	}

	/** Trainer processes whose command line has {@code tag}. */
	static List<ProcessHandle> trainers(String tag) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains(tag))
			.filter(ProcessHandle::isAlive)
			.collect(Collectors.toList());
	}

	/**
	 * A command pipeline with the test trainer and {@code options}, gated on
	 * {@code val_accuracy} and against the champion.
	 */
	private void write(String name, String options, String retry, String trainer) throws IOException {
		Path jobs = TestDirs.jobs(getClass());
		TrainerFixture.install(jobs);
		List<String> argv = TrainerFixture.argv();
		String command = argv.stream().map((arg) -> "'" + arg + "'").collect(Collectors.joining(", "));
		String all = "[" + command + ", " + options.substring(1);
		TestPipelines.write(jobs, name, """
				name: %s
				dataset:
				  path: "synthetic:classification?rows=400&features=4&seed=5"
				  label: label
				  validation-fraction: 0.25
				  seed: 42
				trainer:
				  type: command
				  command: %s
				  metrics:
				    - { name: val_accuracy, goal: max }
				    - { name: val_loss, goal: min }
				%sretry: { %sbackoff: 10ms, max-backoff: 50ms }
				gates:
				  - { metric: val_accuracy, min: 0.5 }
				  - { metric: val_accuracy, max-regression: 0.05 }
				promotion: { approval: auto }
				""".formatted(name, all, trainer, retry.isEmpty() ? "max-attempts: 3, " : retry));
	}

}
