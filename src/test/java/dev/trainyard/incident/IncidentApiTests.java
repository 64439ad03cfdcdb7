package dev.trainyard.incident;

import java.time.Instant;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.run.DatasetRejected;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunFinished;
import dev.trainyard.run.RunStatus;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident API over HTTP: an operator acknowledges, mitigates and resolves with
 * comments that land in the timeline; a viewer reads; wrong steps and unknown incidents
 * are problem details; the review is Markdown.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.scheduling.enabled=false", "trainyard.security.users[0].name=vera",
				"trainyard.security.users[0].password={noop}vera-secret", "trainyard.security.users[0].roles=VIEWER",
				"trainyard.security.users[1].name=olivia", "trainyard.security.users[1].password={noop}olivia-secret",
				"trainyard.security.users[1].roles=OPERATOR" })
class IncidentApiTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	ApiClient vera;

	ApiClient olivia;

	@BeforeEach
	void clients() {
		this.vera = new ApiClient(this.port, "vera", "vera-secret");
		this.olivia = new ApiClient(this.port, "olivia", "olivia-secret");
	}

	@Test
	void anOperatorTakesAnIncidentThroughItsLifecycle() {
		long id = open("lifecycle");
		String path = "/api/incidents/" + id;
		assertThat(this.vera.post(path + "/acknowledge", null).getStatusCode().value()).isEqualTo(403);

		JsonNode acknowledged = body(this.olivia.post(path + "/acknowledge", "{\"comment\":\"on it\"}"), 200);
		assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
		JsonNode mitigating = body(this.olivia.post(path + "/mitigate", "{\"comment\":\"using last week's file\"}"),
				200);
		assertThat(mitigating.get("status").asString()).isEqualTo("MITIGATING");
		JsonNode resolved = body(this.olivia.post(path + "/resolve", "{\"comment\":\"producer fixed\"}"), 200);
		assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(resolved.get("resolvedAt").isNull()).isFalse();

		JsonNode incident = body(this.vera.get(path), 200);
		assertThat(incident.get("timeline").findValuesAsString("action")).containsExactly("DETECTED", "ACKNOWLEDGED",
				"MITIGATING", "RESOLVED");
		assertThat(incident.get("timeline").findValuesAsString("actor")).containsExactly("trainyard", "olivia",
				"olivia", "olivia");
		assertThat(incident.get("timeline").get(3).get("detail").asString()).isEqualTo("producer fixed");
		assertThat(incident.get("runbook").get("escalationPath").get(0).asString()).isEqualTo("Data engineer on call");
		assertThat(body(this.vera.get("/api/incidents?status=open&pipeline=lifecycle"), 200)).isEmpty();
		assertThat(body(this.vera.get("/api/incidents?status=resolved&pipeline=lifecycle"), 200)).hasSize(1);
		assertThat(this.vera.get("/actuator/prometheus").getBody())
			.contains(
					"trainyard_incident_time_to_resolve_seconds_count{application=\"trainyard\",type=\"DATA_QUALITY\"}")
			.contains(
					"trainyard_incident_time_to_resolve_seconds_bucket{application=\"trainyard\",type=\"DATA_QUALITY\"");
	}

	@Test
	void wrongStepsAndUnknownIncidentsAreProblemDetails() {
		long id = open("conflicts");
		this.olivia.post("/api/incidents/" + id + "/resolve", null);
		ResponseEntity<String> again = this.olivia.post("/api/incidents/" + id + "/acknowledge", null);
		assertThat(again.getStatusCode().value()).isEqualTo(409);
		assertThat(again.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		JsonNode conflict = this.json.readTree(again.getBody());
		assertThat(conflict.get("type").asString()).isEqualTo("https://trainyard.dev/problems/incident-state-conflict");
		assertThat(conflict.get("status").asInt()).isEqualTo(409);
		assertThat(conflict.get("incidentStatus").asString()).isEqualTo("RESOLVED");

		JsonNode missing = body(this.vera.get("/api/incidents/999999"), 404);
		assertThat(missing.get("type").asString()).isEqualTo("https://trainyard.dev/problems/incident-not-found");
		assertThat(body(this.vera.get("/api/incidents?status=sleeping"), 400).get("detail").asString())
			.contains("unknown status");
	}

	@Test
	void theReviewIsABlamelessMarkdownDraft() {
		long id = open("reviewed");
		ResponseEntity<String> review = this.vera.get("/api/incidents/" + id + "/review");
		assertThat(review.getStatusCode().value()).isEqualTo(200);
		assertThat(review.getHeaders().getContentType().toString()).startsWith("text/markdown");
		assertThat(review.getBody()).startsWith("# Post-incident review: The dataset of reviewed is rejected")
			.contains("Blameless", "## Summary", "## Impact", "Runs failed while it was open: 0", "## Timeline (UTC)",
					"| DETECTED |", "run r-reviewed: label column missing", "## Root cause",
					"What was wrong with the data", "## Prevention ideas", "## Action items",
					"| # | action | owner | due |", "| 3 | | | |");
	}

	@Test
	void aRunStoppedOnPurposeIsNoIncidentUntilItFails() {
		this.events.publishEvent(
				new RunFinished("stopped", "r-stopped", RunStatus.STOPPED, null, null, null, Instant.now(), false));
		assertThat(body(this.vera.get("/api/incidents?pipeline=stopped"), 200)).isEmpty();
		this.events.publishEvent(new RunFinished("stopped", "r-stopped", RunStatus.FAILED, Outcome.FAILED, null,
				FailureKind.FATAL, Instant.now(), false));
		assertThat(body(this.vera.get("/api/incidents?status=open&pipeline=stopped"), 200))
			.extracting((incident) -> incident.get("type").asString())
			.containsExactly("TRAINING_FAILURE");
	}

	private long open(String pipeline) {
		this.events.publishEvent(new DatasetRejected(pipeline, "r-" + pipeline, "label column missing", Instant.now()));
		JsonNode open = body(this.vera.get("/api/incidents?status=open&pipeline=" + pipeline), 200);
		assertThat(open).hasSize(1);
		assertThat(open.get(0).get("type").asString()).isEqualTo("DATA_QUALITY");
		return open.get(0).get("id").asLong();
	}

	private JsonNode body(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		return this.json.readTree(response.getBody());
	}

}
