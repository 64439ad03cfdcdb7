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

import dev.trainyard.TrainyardApplication;
import dev.trainyard.support.Backend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestPipelines;
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
	Path root;

	/**
	 * Settings (as system properties) that every CLI process of the test gets besides its
	 * jobs and data dirs.
	 */
	private Map<String, String> settings() {
		return Backend.current().newSettings();
	}

	@Test
	void killedRunResumesFromACheckpointToTheModelOfAnUninterruptedRun() throws Exception {
		Map<String, String> settings = settings();
		TestPipelines.write(this.root.resolve("jobs"), "uninterrupted", pipeline("uninterrupted"));
		TestPipelines.write(this.root.resolve("jobs"), "killed", pipeline("killed"));
		JsonNode reference = summaryOf(cli(settings, "run", "uninterrupted").finish());
		assertThat(reference.get("outcome").asString()).isEqualTo("PROMOTED");

		Child killed = cli(settings, "run", "killed");
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> killed.hasPrinted("round " + KILL_AFTER_ROUND + "/") || !killed.process().isAlive());
		assertThat(killed.process().isAlive()).as("the run was still training when it was killed").isTrue();
		killed.process().destroyForcibly().waitFor(1, TimeUnit.MINUTES);

		JsonNode resumed = summaryOf(cli(settings, "resume", "killed").finish());
		assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(resumed.get("resumedFromRound").asInt()).isGreaterThanOrEqualTo(KILL_AFTER_ROUND);
		assertThat(resumed.get("modelSha256").asString()).isEqualTo(reference.get("modelSha256").asString());
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
		command.add("--jobs-dir=" + this.root.resolve("jobs"));
		command.add("--data-dir=" + this.root.resolve("data"));
		Process process = new ProcessBuilder(command).start();
		return new Child(process, collect(process.getInputStream()), collect(process.getErrorStream()));
	}

	private static List<String> collect(java.io.InputStream stream) {
		List<String> lines = new CopyOnWriteArrayList<>();
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
		return lines;
	}

	private static JsonNode summaryOf(Child child) {
		assertThat(child.out()).as("stdout of %s; stderr: %s", child.process().info(), child.err()).isNotEmpty();
		return JsonMapper.builder().build().readTree(child.out().get(child.out().size() - 1));
	}

	record Child(Process process, List<String> out, List<String> err) {

		boolean hasPrinted(String text) {
			return this.err.stream().anyMatch((line) -> line.contains(text));
		}

		Child finish() throws InterruptedException {
			assertThat(this.process.waitFor(3, TimeUnit.MINUTES)).as("finished in time").isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.out.isEmpty() || this.process.exitValue() != 0);
			return this;
		}

	}

}
