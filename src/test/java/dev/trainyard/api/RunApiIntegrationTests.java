package dev.trainyard.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server end to end: launch runs over HTTP and watch them train, gate and promote on
 * a background thread.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "trainyard.security.users[0].name=olivia",
		"trainyard.security.users[0].password={noop}olivia-secret", "trainyard.security.users[0].roles=OPERATOR" })
@DirtiesContext
class RunApiIntegrationTests {

	static final Path jobsDir = TestDirs.jobs(RunApiIntegrationTests.class);

	@LocalServerPort
	private int port;

	@BeforeAll
	static void writePipelines() throws IOException {
		Files.createDirectories(jobsDir);
		Files.copy(Path.of("jobs/data/breast_cancer.csv"), jobsDir.resolve("breast_cancer.csv"));
		Files.writeString(jobsDir.resolve("api-auto.yaml"), pipeline("api-auto", "auto"));
		Files.writeString(jobsDir.resolve("api-manual.yaml"), pipeline("api-manual", "manual"));
	}

	@Test
	void launchedRunTrainsCheckpointsAndPromotesItsModel() {
		ResponseEntity<JsonNode> launched = client().post()
			.uri("/api/pipelines/api-auto/runs")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(launched.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String runId = launched.getBody().get("runId").asString();
		assertThat(launched.getHeaders().getLocation()).hasToString("/api/runs/" + runId);
		assertThat(launched.getBody().get("status").asString()).isIn("STARTING", "STARTED");
		assertThat(launched.getBody().get("launchedBy").asString()).isEqualTo("olivia");

		JsonNode run = awaitEnd(runId);
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("outcome").asString()).isEqualTo("PROMOTED");
		assertThat(run.get("modelVersion").asInt()).isEqualTo(1);
		assertThat(run.get("checkpoints")).hasSize(3);
		assertThat(run.get("progress").get("round").asInt()).isEqualTo(30);

		JsonNode pipeline = get("/api/pipelines/api-auto").getBody();
		assertThat(pipeline.get("champion").get("version").asInt()).isEqualTo(1);
		assertThat(pipeline.get("freshness").get("status").asString()).isEqualTo("OK");
		JsonNode runs = get("/api/runs?pipeline=api-auto").getBody();
		assertThat(runs.findValuesAsString("runId")).containsExactly(runId);
		JsonNode versions = get("/api/models/api-auto/versions").getBody();
		assertThat(versions.get(0).get("state").asString()).isEqualTo("PROMOTED");
		assertThat(get("/api/models/api-auto/history").getBody()).hasSize(1);
	}

	@Test
	void runWaitingForApprovalStopsAndCannotBeRestarted() {
		ResponseEntity<JsonNode> launched = client().post()
			.uri("/api/pipelines/api-manual/runs")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(launched.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String runId = launched.getBody().get("runId").asString();

		JsonNode run = awaitEnd(runId);
		assertThat(run.get("status").asString()).isEqualTo("STOPPED");
		assertThat(run.get("outcome").asString()).isEqualTo("AWAITING_APPROVAL");

		ResponseEntity<JsonNode> restart = client().post()
			.uri("/api/runs/{id}/restart", runId)
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(restart.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(restart.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(restart.getBody().get("type").asString()).isEqualTo(ApiExceptionHandler.TYPE_BASE + "run-conflict");
		assertThat(restart.getBody().get("detail").asString()).contains("awaiting approval");
		assertThat(get("/api/pipelines/api-manual").getBody().get("champion").isNull()).isTrue();
	}

	@Test
	void answersNotFoundProblemForAnUnknownRun() {
		ResponseEntity<JsonNode> response = get("/api/runs/no-such-run");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("instance").asString()).isEqualTo("/api/runs/no-such-run");
	}

	private JsonNode awaitEnd(String runId) {
		return await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> get("/api/runs/" + runId).getBody(),
					(run) -> !run.get("outcome").isNull() && !isRunning(run.get("status").asString()));
	}

	private static boolean isRunning(String status) {
		return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
	}

	private ResponseEntity<JsonNode> get(String path) {
		return client().get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBasicAuth("olivia", "olivia-secret"))
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private static String pipeline(String name, String approval) {
		return """
				name: %s
				dataset:
				  path: breast_cancer.csv
				  label: malignant
				  seed: 42
				trainer:
				  objective: binary:logistic
				  rounds: 30
				  params: { max_depth: 3, eta: 0.3 }
				  checkpoint-every: 10
				gates:
				  - { metric: auc, min: 0.9 }
				promotion: { approval: %s }
				freshness: { max-age: 7d, warn-age: 5d }
				""".formatted(name, approval);
	}

}
