package dev.trainyard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.support.TestPipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's JSON logs as an operator gets them
 * ({@code --logging.structured.format.console=ecs} in a JVM of its own, so the test JVM's
 * logging stays as it is): every line the run logs carries its {@code runId} and
 * {@code pipeline} and its trace, and a line logged before the run started does not.
 */
class JsonLogsTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path root;

	@Test
	void everyLineOfARunCarriesItsRunIdPipelineAndTrace() throws Exception {
		TestPipelines.write(this.root.resolve("jobs"), "json-logs", TestPipelines.synthetic("json-logs", "auto", 0.5));
		Path stdout = this.root.resolve("stdout.txt");
		Path stderr = this.root.resolve("stderr.txt");
		Process cli = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), TrainyardApplication.class.getName(), "run", "json-logs",
				"--jobs-dir=" + this.root.resolve("jobs"), "--data-dir=" + this.root.resolve("data"),
				"--logging.structured.format.console=ecs")
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		assertThat(cli.waitFor(3, TimeUnit.MINUTES)).as("the run ended in time").isTrue();
		assertThat(cli.exitValue()).as("exit code; stderr: %s", Files.readString(stderr)).isZero();

		List<String> out = Files.readAllLines(stdout);
		String runId = JSON.readTree(out.get(out.size() - 1)).get("runId").asString();
		List<JsonNode> logs = logLines(stderr);
		assertThat(logs).filteredOn((line) -> message(line).startsWith("Launching run " + runId))
			.singleElement()
			.satisfies((line) -> assertThat(line.has("runId")).as("before the run started").isFalse());
		List<JsonNode> ofTheRun = logs.stream()
			.filter((line) -> message(line).contains(runId) && !message(line).startsWith("Launching"))
			.toList();
		assertThat(ofTheRun).extracting(JsonLogsTests::message)
			.anyMatch((message) -> message.startsWith("Run " + runId + " of json-logs started"))
			.anyMatch((message) -> message.startsWith("Run " + runId + " of json-logs ended COMPLETED"));
		assertThat(ofTheRun).allSatisfy((line) -> {
			assertThat(line.get("runId").asString()).isEqualTo(runId);
			assertThat(line.get("pipeline").asString()).isEqualTo("json-logs");
			assertThat(line.get("traceId").asString()).hasSize(32);
		});
	}

	private static List<JsonNode> logLines(Path stderr) throws IOException {
		return Files.readAllLines(stderr)
			.stream()
			.filter((line) -> line.startsWith("{"))
			.map((line) -> JSON.readTree(line))
			.toList();
	}

	private static String message(JsonNode line) {
		return line.get("message").asString();
	}

}
