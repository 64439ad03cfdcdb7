package dev.trainyard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.support.Backend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.training.command.TrainerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash the product promises to survive, for real: the CLI in its own JVM, killed
 * with {@code SIGKILL} after a few checkpoints, then {@code resume}d in a new JVM, ends
 * with the same model bytes as an uninterrupted run. On the default database and store on
 * every backend (H2 + files; PostgreSQL + S3, reached by the CLI processes over TCP).
 */
@OnEveryBackend
class KillAndResumeTests {

	private static final int ROUNDS = 100;

	private static final int KILL_AFTER_ROUND = 20;

	@TempDir
	static Path root;

	/** The uninterrupted run's summary, made once for all tests of the class. */
	private static JsonNode reference;

	/**
	 * Settings (as system properties) that every CLI process of the test gets besides its
	 * jobs and data dirs.
	 */
	private Map<String, String> settings() {
		return Backend.current().newSettings();
	}

	/**
	 * Starts {@code run} of a new pipeline and waits until it printed round
	 * {@value #KILL_AFTER_ROUND} (or ended).
	 */
	private Child runPastTheKillRound(Map<String, String> settings, String name) throws IOException {
		TestPipelines.write(root.resolve("jobs"), name, pipeline(name));
		Child child = cli(settings, "run", name);
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> child.hasPrinted("round " + KILL_AFTER_ROUND + "/") || !child.process().isAlive());
		return child;
	}

	private static void assertResumedToTheReferenceModel(JsonNode resumed, JsonNode reference) {
		assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(resumed.get("resumedFromRound").asInt()).isGreaterThanOrEqualTo(KILL_AFTER_ROUND);
		assertThat(resumed.get("modelSha256").asString()).isEqualTo(reference.get("modelSha256").asString());
	}

	@Test
	void killedRunResumesFromACheckpointToTheModelOfAnUninterruptedRun() throws Exception {
		Map<String, String> settings = settings();
		JsonNode reference = reference(settings);

		Child killed = runPastTheKillRound(settings, "killed");
		assertThat(killed.process().isAlive()).as("the run was still training when it was killed").isTrue();
		killed.process().destroyForcibly().waitFor(1, TimeUnit.MINUTES);

		JsonNode resumed = summaryOf(cli(settings, "resume", "killed").finish());
		assertResumedToTheReferenceModel(resumed, reference);
	}

	@Test
	void sigtermStopsTheRunAtItsNextCheckpointAndResumeEndsWithTheModelOfAnUninterruptedRun() throws Exception {
		Map<String, String> settings = settings();
		JsonNode reference = reference(settings);

		Child terminated = runPastTheKillRound(settings, "terminated");
		terminated.process().toHandle().destroy();

		assertThat(terminated.process().waitFor(1, TimeUnit.MINUTES)).as("stopped within the grace").isTrue();
		assertThat(terminated.process().exitValue()).as(String.join("\n", terminated.err())).isEqualTo(4);
		JsonNode stopped = summaryOf(terminated.finish());
		assertThat(stopped.get("status").asString()).isEqualTo("STOPPED");
		assertThat(stopped.get("checkpoints").asInt()).isGreaterThanOrEqualTo(KILL_AFTER_ROUND / 10);

		JsonNode resumed = summaryOf(cli(settings, "resume", "terminated").finish());
		assertResumedToTheReferenceModel(resumed, reference);
		Child again = cli(settings, "resume", "terminated").finish();
		assertThat(again.process().exitValue()).isZero();
		assertThat(summaryOf(again).get("runId").asString()).isEqualTo(resumed.get("runId").asString());
	}

	@Test
	void sigtermPastTheStopGraceGivesUpTheSegmentAndTheRunIsStoppedAtItsLastCheckpoint() throws Exception {
		Map<String, String> settings = new java.util.LinkedHashMap<>(settings());
		settings.put("trainyard.runs.stop-grace", "200ms");
		TestPipelines.write(root.resolve("jobs"), "long-segment",
				pipeline("long-segment").replace("rows=10000", "rows=100000")
					.replace("rounds: " + ROUNDS, "rounds: 300")
					.replace("checkpoint-every: 10", "checkpoint-every: 100"));

		Child terminated = cli(settings, "run", "long-segment");
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> terminated.hasPrinted("round 100/") || !terminated.process().isAlive());
		long sent = System.nanoTime();
		terminated.process().toHandle().destroy();

		assertThat(terminated.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("gave the segment up")
			.isLessThan(Duration.ofSeconds(20));
		assertThat(terminated.process().exitValue()).as(String.join("\n", terminated.err())).isEqualTo(4);
		assertThat(summaryOf(terminated.finish()).get("status").asString()).isEqualTo("STOPPED");
		assertThat(terminated.hasPrinted("still in a segment after the stop grace"))
			.as(String.join("\n", terminated.err()))
			.isTrue();

		JsonNode resumed = summaryOf(cli(settings, "resume", "long-segment").finish());
		assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(resumed.get("resumedFromRound").asInt()).isEqualTo(100);
	}

	@Test
	void killedCommandRunEndsTheLeftoverTrainerAndResumesToTheModelOfAnUninterruptedRun() throws Exception {
		Map<String, String> settings = settings();
		TrainerFixture.install(root.resolve("jobs"));
		TestPipelines.write(root.resolve("jobs"), "cmd-uninterrupted", commandPipeline("cmd-uninterrupted", ""));
		JsonNode uninterrupted = summaryOf(cli(settings, "run", "cmd-uninterrupted").finish());
		assertThat(uninterrupted.get("outcome").asString()).isEqualTo("PROMOTED");
		String tag = "orphan-" + System.nanoTime();
		TestPipelines.write(root.resolve("jobs"), "cmd-killed", commandPipeline("cmd-killed",
				", --sleep-ms, '40', --ignore-stdin, --fail-once-at, '999999', '" + tag + "'"));

		Child killed = cli(settings, "run", "cmd-killed");
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> killed.hasPrinted("step 40/") || !killed.process().isAlive());
		assertThat(killed.process().isAlive()).as(String.join("\n", killed.err())).isTrue();
		killed.process().destroyForcibly().waitFor(1, TimeUnit.MINUTES);
		assertThat(trainers(tag)).as("the trainer outlived Trainyard (it ignores the end of its stdin)").isNotEmpty();

		JsonNode resumed = summaryOf(cli(settings, "resume", "cmd-killed").finish());
		assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(resumed.get("outcome").asString()).isEqualTo("PROMOTED");
		assertThat(resumed.get("resumedFromRound").asInt()).isGreaterThanOrEqualTo(40);
		assertThat(resumed.get("modelSha256").asString()).isEqualTo(uninterrupted.get("modelSha256").asString());
		assertThat(trainers(tag)).as("no trainer left running").isEmpty();
	}

	private static List<ProcessHandle> trainers(String tag) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains(tag))
			.filter(ProcessHandle::isAlive)
			.toList();
	}

	private static String commandPipeline(String name, String options) {
		String argv = TrainerFixture.argv().stream().map((arg) -> "'" + arg + "'").collect(Collectors.joining(", "));
		return """
				name: %s
				dataset:
				  path: "synthetic:classification?rows=400&features=4&seed=5"
				  label: label
				  seed: 42
				trainer:
				  type: command
				  command: [%s, --steps, '150', --checkpoint-every, '10'%s]
				  metrics:
				    - { name: val_accuracy, goal: max }
				    - { name: val_loss, goal: min }
				gates:
				  - { metric: val_accuracy, min: 0.5 }
				promotion: { approval: auto }
				""".formatted(name, argv, options);
	}

	private JsonNode reference(Map<String, String> settings) throws Exception {
		if (reference == null) {
			TestPipelines.write(root.resolve("jobs"), "uninterrupted", pipeline("uninterrupted"));
			reference = summaryOf(cli(settings, "run", "uninterrupted").finish());
			assertThat(reference.get("outcome").asString()).isEqualTo("PROMOTED");
		}
		return reference;
	}

	private static String pipeline(String name) {
		return """
				name: %s
				dataset:
				  path: "synthetic:classification?rows=10000&features=10&seed=5"
				  label: label
				  seed: 7
				trainer:
				  objective: binary:logistic
				  rounds: %d
				  params: { max_depth: 5, eta: 0.1, subsample: 0.8, colsample_bytree: 0.8 }
				  checkpoint-every: 10
				gates:
				  - { metric: auc, min: 0.5 }
				promotion: { approval: auto }
				""".formatted(name, ROUNDS);
	}

	private Child cli(Map<String, String> settings, String... words) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.add(TrainyardApplication.class.getName());
		command.addAll(List.of(words));
		command.add("--jobs-dir=" + root.resolve("jobs"));
		command.add("--data-dir=" + root.resolve("data"));
		Process process = new ProcessBuilder(command).start();
		List<String> out = new CopyOnWriteArrayList<>();
		List<String> err = new CopyOnWriteArrayList<>();
		return new Child(process, out, err,
				List.of(collect(process.getInputStream(), out), collect(process.getErrorStream(), err)));
	}

	private static Thread collect(java.io.InputStream stream, List<String> lines) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				in.lines().forEach(lines::add);
			}
			catch (IOException | UncheckedIOException ex) {
				// the process was killed
			}
		});
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	private static JsonNode summaryOf(Child child) {
		assertThat(child.out()).as("stdout of %s; stderr: %s", child.process().info(), child.err()).isNotEmpty();
		return JsonMapper.builder().build().readTree(child.out().get(child.out().size() - 1));
	}

	record Child(Process process, List<String> out, List<String> err, List<Thread> readers) {

		boolean hasPrinted(String text) {
			return this.err.stream().anyMatch((line) -> line.contains(text));
		}

		/** Waits for the process to end and for all it wrote to be read. */
		Child finish() throws InterruptedException {
			assertThat(this.process.waitFor(3, TimeUnit.MINUTES)).as("finished in time").isTrue();
			for (Thread reader : this.readers) {
				reader.join(Duration.ofSeconds(30).toMillis());
			}
			return this;
		}

	}

}
