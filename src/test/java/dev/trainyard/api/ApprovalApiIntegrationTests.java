package dev.trainyard.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The approval flow over HTTP, as a team uses it: an operator launches, only an approver
 * can decide, the run continues at promote, and the champion can be rolled back.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.security.users[0].name=viewer", "trainyard.security.users[0].password={noop}v",
				"trainyard.security.users[0].roles=VIEWER", "trainyard.security.users[1].name=operator",
				"trainyard.security.users[1].password={noop}o", "trainyard.security.users[1].roles=OPERATOR",
				"trainyard.security.users[2].name=approver", "trainyard.security.users[2].password={noop}a",
				"trainyard.security.users[2].roles=APPROVER" })
class ApprovalApiIntegrationTests {

	static final Path root = TestDirs.root(ApprovalApiIntegrationTests.class);

	@LocalServerPort
	int port;

	@Test
	void approverPromotesAWaitingCandidateAndOthersCannot() throws Exception {
		String name = pipeline("api-approve");
		JsonNode waiting = launchAndWait(name);
		assertThat(waiting.get("status").asString()).isEqualTo("STOPPED");
		assertThat(waiting.get("outcome").asString()).isEqualTo("AWAITING_APPROVAL");
		String approve = "/api/models/" + name + "/versions/" + waiting.get("modelVersion").asInt() + "/approve";

		assertThat(post(null, approve, Map.of()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("viewer:v", approve, Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> denied = post("operator:o", approve, Map.of());
		assertThat(denied.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(denied.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

		ResponseEntity<JsonNode> approved = post("approver:a", approve, Map.of("comment", "ship it"));
		assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode promoted = awaitEnd(waiting.get("runId").asString());
		assertThat(promoted.get("outcome").asString()).isEqualTo("PROMOTED");
		assertThat(promoted.get("actions").findValuesAsString("action")).containsExactly("LAUNCH", "APPROVE");

		JsonNode pipelineView = get("/api/pipelines/" + name).getBody();
		assertThat(pipelineView.get("champion").get("version").asInt()).isEqualTo(waiting.get("modelVersion").asInt());
		assertThat(Files.readString(root.resolve("data/store/models/" + name + "/champion.json")))
			.contains("\"version\":" + waiting.get("modelVersion").asInt());
		JsonNode history = get("/api/models/" + name + "/history").getBody();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("actor").asString()).isEqualTo("approver");
		assertThat(history.get(0).get("reason").asString()).isEqualTo("ship it");
	}

	@Test
	void rejectedCandidateCannotBeApprovedAfterwards() {
		String name = pipeline("api-reject");
		JsonNode waiting = launchAndWait(name);
		String version = "/api/models/" + name + "/versions/" + waiting.get("modelVersion").asInt();

		assertThat(post("approver:a", version + "/reject", Map.of("comment", "no")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(get("/api/runs/" + waiting.get("runId").asString()).getBody().get("outcome").asString())
			.isEqualTo("REJECTED");

		ResponseEntity<JsonNode> again = post("approver:a", version + "/approve", Map.of());
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(again.getBody().get("state").asString()).isEqualTo("REJECTED");
	}

	@Test
	void twoPromotionsThenRollbackLeavesTheFirstAsChampionWithThreeHistoryEntries() {
		String name = pipeline("api-rollback");
		int first = approveNext(name);
		int second = approveNext(name);
		assertThat(second).isGreaterThan(first);

		assertThat(post("operator:o", "/api/models/" + name + "/rollback", Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> rolledBack = post("approver:a", "/api/models/" + name + "/rollback",
				Map.of("reason", "drift"));
		assertThat(rolledBack.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(rolledBack.getBody().get("version").asInt()).isEqualTo(first);
		JsonNode history = get("/api/models/" + name + "/history").getBody();
		assertThat(history).hasSize(3);
		assertThat(history.get(2).get("action").asString()).isEqualTo("ROLLBACK");
		assertThat(get("/api/pipelines/" + name).getBody().get("champion").get("version").asInt()).isEqualTo(first);
	}

	private int approveNext(String name) {
		JsonNode waiting = launchAndWait(name);
		int version = waiting.get("modelVersion").asInt();
		post("approver:a", "/api/models/" + name + "/versions/" + version + "/approve", Map.of());
		// the approved run continues at once or, while its last execution is still
		// winding down, at the next maintenance pass: until then it still reads
		// STOPPED (or QUEUED) and AWAITING_APPROVAL
		JsonNode continued = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/runs/" + waiting.get("runId").asString()).getBody(),
					(run) -> hasEnded(run) && !run.get("outcome").asString().equals("AWAITING_APPROVAL"));
		assertThat(continued.get("outcome").asString()).isEqualTo("PROMOTED");
		return version;
	}

	private JsonNode launchAndWait(String name) {
		ResponseEntity<JsonNode> launched = post("operator:o", "/api/pipelines/" + name + "/runs", null);
		assertThat(launched.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		return awaitEnd(launched.getBody().get("runId").asString());
	}

	private JsonNode awaitEnd(String runId) {
		return await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/runs/" + runId).getBody(), ApprovalApiIntegrationTests::hasEnded);
	}

	/** Neither running nor waiting in the queue to run. */
	private static boolean hasEnded(JsonNode run) {
		return !List.of("QUEUED", "STARTING", "STARTED", "STOPPING").contains(run.get("status").asString());
	}

	private ResponseEntity<JsonNode> get(String path) {
		return client("viewer:v").get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String credentials, String path, Object body) {
		RestClient.RequestBodySpec request = client(credentials).post().uri(path);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus((status) -> true, (req, res) -> {
		}).toEntity(JsonNode.class);
	}

	private RestClient client(String credentials) {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + this.port);
		if (credentials != null) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return builder.build();
	}

	private static String pipeline(String name) {
		TestPipelines.write(root.resolve("jobs"), name, TestPipelines.synthetic(name, "manual", 0.5));
		return name;
	}

}
