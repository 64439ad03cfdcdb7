package dev.trainyard.security;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's security over HTTP: who gets in, with which password encodings, and what
 * each role may do.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SecurityTests {

	private static final String BCRYPT_HASH = new BCryptPasswordEncoder().encode("olivia-secret");

	private static final String BARE_BCRYPT_HASH = new BCryptPasswordEncoder().encode("april-secret");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		Path root = TestDirs.root(SecurityTests.class);
		TestPipelines.write(root.resolve("jobs"), "secured", TestPipelines.synthetic("secured", "auto", 0.5));
		user(registry, 0, "vera", "{noop}vera-secret", "VIEWER");
		user(registry, 1, "olivia", "{bcrypt}" + BCRYPT_HASH, "operator");
		user(registry, 2, "april", BARE_BCRYPT_HASH, "Approver");
		user(registry, 3, "pat", "pat-secret", "viewer");
	}

	private static void user(DynamicPropertyRegistry registry, int index, String name, String password, String role) {
		String prefix = "trainyard.security.users[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "password", () -> password);
		registry.add(prefix + "roles", () -> role);
	}

	@Test
	void answersUnauthorizedProblemWithABasicChallengeWithoutCredentials() {
		ResponseEntity<JsonNode> response = client(null, null).get()
			.uri("/api/pipelines")
			.retrieve()
			.toEntity(JsonNode.class);
		assertProblem(response, HttpStatus.UNAUTHORIZED, "unauthorized", "/api/pipelines");
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"trainyard\"");
	}

	@Test
	void answersUnauthorizedProblemForAWrongPasswordOrAnUnknownUser() {
		ResponseEntity<JsonNode> wrongPassword = get("vera", "not-her-secret", "/api/pipelines");
		assertProblem(wrongPassword, HttpStatus.UNAUTHORIZED, "unauthorized", "/api/pipelines");
		assertThat(wrongPassword.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
		assertProblem(get("mallory", "vera-secret", "/api/runs"), HttpStatus.UNAUTHORIZED, "unauthorized", "/api/runs");
	}

	@Test
	void acceptsNoopBcryptBareBcryptAndPlainTextPasswords() {
		assertThat(get("vera", "vera-secret", "/api/pipelines").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("olivia", "olivia-secret", "/api/pipelines").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("april", "april-secret", "/api/pipelines").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("pat", "pat-secret", "/api/pipelines").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("april", BARE_BCRYPT_HASH, "/api/pipelines").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void letsEveryRoleRead() {
		assertThat(get("vera", "vera-secret", "/api/runs").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("olivia", "olivia-secret", "/api/models/secured/versions").getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(get("april", "april-secret", "/api/pipelines/secured").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void forbidsAViewerAndAnApproverToLaunchARun() {
		assertProblem(post("vera", "vera-secret", "/api/pipelines/secured/runs"), HttpStatus.FORBIDDEN, "forbidden",
				"/api/pipelines/secured/runs");
		assertProblem(post("april", "april-secret", "/api/pipelines/secured/runs"), HttpStatus.FORBIDDEN, "forbidden",
				"/api/pipelines/secured/runs");
		assertProblem(post("vera", "vera-secret", "/api/runs/r-1/stop"), HttpStatus.FORBIDDEN, "forbidden",
				"/api/runs/r-1/stop");
	}

	@Test
	void forbidsAViewerAndAnOperatorToApproveRejectOrRollBack() {
		for (String path : new String[] { "/api/models/secured/versions/1/approve",
				"/api/models/secured/versions/1/reject", "/api/models/secured/rollback" }) {
			assertProblem(post("vera", "vera-secret", path), HttpStatus.FORBIDDEN, "forbidden", path);
			assertProblem(post("olivia", "olivia-secret", path), HttpStatus.FORBIDDEN, "forbidden", path);
		}
		for (String path : new String[] { "/api/models/no-such-pipeline/versions/1/approve",
				"/api/models/no-such-pipeline/versions/1/reject", "/api/models/no-such-pipeline/rollback" }) {
			assertThat(post("april", "april-secret", path).getStatusCode().value()).as(path).isNotIn(401, 403);
		}
	}

	@Test
	void forbidsOtherChangesToAViewer() {
		assertProblem(client("vera", "vera-secret").delete().uri("/api/runs/r-1").retrieve().toEntity(JsonNode.class),
				HttpStatus.FORBIDDEN, "forbidden", "/api/runs/r-1");
	}

	@Test
	void letsAnOperatorLaunchARunInItsOwnName() {
		ResponseEntity<JsonNode> launched = post("olivia", "olivia-secret", "/api/pipelines/secured/runs");
		assertThat(launched.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(launched.getBody().get("launchedBy").asString()).isEqualTo("olivia");
		String run = "/api/runs/" + launched.getBody().get("runId").asString();
		JsonNode ended = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> get("vera", "vera-secret", run).getBody(), (body) -> !body.get("outcome").isNull()
					&& !body.get("status").asString().matches("STARTING|STARTED|STOPPING"));
		assertThat(ended.get("launchedBy").asString()).isEqualTo("olivia");
	}

	@Test
	void leavesHealthMetricsAndTheApiDocumentOpen() {
		RestClient anonymous = client(null, null);
		assertThat(anonymous.get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(anonymous.get().uri("/actuator/prometheus").retrieve().toEntity(String.class).getBody())
			.contains("jvm_");
		assertThat(anonymous.get().uri("/v3/api-docs").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(anonymous.get().uri("/swagger-ui/index.html").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void protectsTheOtherActuatorEndpoints() {
		assertThat(client(null, null).get().uri("/actuator/metrics").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("vera", "vera-secret", "/actuator/metrics").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String type, String instance) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = response.getBody();
		assertThat(problem.get("type").asString()).isEqualTo("https://trainyard.dev/problems/" + type);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.get("instance").asString()).isEqualTo(instance);
	}

	private ResponseEntity<JsonNode> get(String user, String password, String path) {
		return client(user, password).get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String user, String password, String path) {
		return client(user, password).post().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private RestClient client(String user, String password) {
		RestClient.Builder builder = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			});
		if (user != null) {
			builder.defaultHeaders((headers) -> headers.setBasicAuth(user, password));
		}
		return builder.build();
	}

}
