package dev.trainyard.incident;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.incident.delivery.Delivery;
import dev.trainyard.run.DatasetRejected;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunFinished;
import dev.trainyard.run.RunStatus;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.Receiver;
import dev.trainyard.support.Signatures;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents reach a webhook, Alertmanager, PagerDuty and Slack (real HTTP receivers) in
 * their own formats through trigger, acknowledge and resolve; an outage of a receiver is
 * retried with the same event id; a refusal is recorded and not retried; secrets stay out
 * of the API and the log.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.scheduling.enabled=false", "trainyard.incidents.delivery.interval=100ms",
				"trainyard.incidents.delivery.initial-backoff=100ms", "trainyard.incidents.delivery.max-backoff=400ms",
				"trainyard.incidents.circuit-breaker.wait-in-open-state=300ms",
				"trainyard.incidents.delivery.alert-refresh-interval=200ms", "trainyard.security.users[0].name=vera",
				"trainyard.security.users[0].password={noop}vera-secret", "trainyard.security.users[0].roles=VIEWER" })
@ExtendWith(OutputCaptureExtension.class)
class IncidentDeliveryTests {

	static final String SECRET = "webhook-secret-4f9a";

	static final String ROUTING_KEY = "pd-routing-key-77c1";

	static final Receiver webhook = Receiver.start();

	static final Receiver alertmanager = Receiver.start();

	static final Receiver pagerduty = Receiver.start();

	static final Receiver slack = Receiver.start();

	@DynamicPropertySource
	static void sinks(DynamicPropertyRegistry registry) {
		sink(registry, 0, "webhook", webhook.url() + "/hooks/trainyard");
		registry.add("trainyard.incidents.sinks[0].secret", () -> SECRET);
		sink(registry, 1, "alertmanager", alertmanager.url());
		sink(registry, 2, "pagerduty", pagerduty.url() + "/v2/enqueue");
		registry.add("trainyard.incidents.sinks[2].routing-key", () -> ROUTING_KEY);
		sink(registry, 3, "slack", slack.url() + "/services/T000/B000/XXXX");
	}

	private static void sink(DynamicPropertyRegistry registry, int index, String type, String url) {
		registry.add("trainyard.incidents.sinks[" + index + "].type", () -> type);
		registry.add("trainyard.incidents.sinks[" + index + "].url", () -> url);
	}

	@AfterAll
	static void stopReceivers() {
		List.of(webhook, alertmanager, pagerduty, slack).forEach(Receiver::close);
	}

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	Incidents incidents;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	@Test
	void everySinkGetsItsOwnFormatThroughTriggerAcknowledgeAndResolve(CapturedOutput output) {
		String pipeline = "all-sinks";
		this.events.publishEvent(new RunFinished(pipeline, "run-1", RunStatus.FAILED, Outcome.FAILED, null,
				FailureKind.FATAL, Instant.now(), false));
		IncidentView incident = this.incidents.list("open", pipeline, 10).get(0);
		this.incidents.acknowledge(incident.id(), "olivia", "looking");
		this.incidents.resolve(incident.id(), "olivia", "store is back");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.incidents.find(incident.id()).deliveries()).hasSize(12)
				.allSatisfy((delivery) -> assertThat(delivery.state()).isEqualTo("DELIVERED")));

		List<JsonNode> hooks = bodies(webhook, pipeline);
		assertThat(hooks).extracting((body) -> body.get("action").asString())
			.containsExactly("trigger", "acknowledge", "resolve");
		assertThat(hooks).extracting((body) -> body.get("id").asString()).doesNotHaveDuplicates();
		assertThat(hooks.get(2).get("incident").get("status").asString()).isEqualTo("RESOLVED");
		assertThat(requests(webhook, pipeline)).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/hooks/trainyard");
			assertThat(request.header("X-Trainyard-Signature")).isEqualTo(Signatures.sign(SECRET, request.body()));
		});

		List<JsonNode> alerts = bodies(alertmanager, pipeline);
		assertThat(requests(alertmanager, pipeline))
			.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/api/v2/alerts"));
		assertThat(alerts).allSatisfy((body) -> {
			assertThat(body.isArray()).isTrue();
			assertThat(body.get(0).get("labels").get("alertname").asString()).isEqualTo("TrainyardTrainingFailure");
			assertThat(body.get(0).get("labels").get("pipeline").asString()).isEqualTo(pipeline);
			assertThat(body.get(0).get("startsAt").asString()).isEqualTo(incident.openedAt().toString());
		});
		assertThat(alerts.get(0).get(0).has("endsAt")).isFalse();
		assertThat(alerts.get(alerts.size() - 1).get(0).get("endsAt").asString()).as("the last one").isNotBlank();

		List<JsonNode> pages = bodies(pagerduty, pipeline);
		assertThat(pages).extracting((body) -> body.get("event_action").asString())
			.containsExactly("trigger", "acknowledge", "resolve");
		assertThat(pages).allSatisfy((body) -> {
			assertThat(body.get("routing_key").asString()).isEqualTo(ROUTING_KEY);
			assertThat(body.get("dedup_key").asString()).isEqualTo(incident.key());
		});
		JsonNode payload = pages.get(0).get("payload");
		assertThat(payload.get("summary").asString()).contains("SEV3", pipeline);
		assertThat(payload.get("source").asString()).isEqualTo("trainyard/" + pipeline);
		assertThat(payload.get("severity").asString()).isEqualTo("warning");

		assertThat(bodies(slack, pipeline)).hasSize(3)
			.allSatisfy((body) -> assertThat(body.get("text").asString()).contains("TRAINING_FAILURE"));

		String view = new ApiClient(this.port, "vera", "vera-secret").get("/api/incidents/" + incident.id()).getBody();
		assertThat(view).contains("\"deliveries\"").doesNotContain(SECRET, ROUTING_KEY, "XXXX");
		assertThat(output.getAll()).doesNotContain(SECRET, ROUTING_KEY, "/services/T000");
	}

	@Test
	void anOutageOfTheReceiverIsRetriedWithTheSameEventIdAndSignature() {
		String pipeline = "webhook-outage";
		webhook.failNext(3, 503, null);
		this.events.publishEvent(new DatasetRejected(pipeline, "run-2", "label column missing", Instant.now()));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(requests(webhook, pipeline)).hasSize(4)
				.last()
				.satisfies((request) -> assertThat(request.status()).isEqualTo(200)));
		List<Receiver.Request> attempts = requests(webhook, pipeline);
		assertThat(attempts).extracting(Receiver.Request::status).containsExactly(503, 503, 503, 200);
		assertThat(attempts).extracting((request) -> json(request).get("id").asString())
			.containsOnly(json(attempts.get(0)).get("id").asString());
		assertThat(attempts).extracting(Receiver.Request::text).containsOnly(attempts.get(0).text());
		assertThat(attempts).allSatisfy((request) -> assertThat(request.header("X-Trainyard-Signature"))
			.isEqualTo(Signatures.sign(SECRET, request.body())));
		Delivery delivery = deliveries(pipeline, "webhook").get(0);
		assertThat(delivery.attempts()).isEqualTo(4);
		assertThat(delivery.eventId()).isEqualTo(json(attempts.get(0)).get("id").asString());
	}

	@Test
	void aRefusedNoticeIsRecordedAsFailedAndNotRetried() {
		String pipeline = "slack-refuses";
		slack.failNext(1, 400, null);
		this.events.publishEvent(new DatasetRejected(pipeline, "run-3", "empty file", Instant.now()));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(deliveries(pipeline, "slack")).singleElement().satisfies((delivery) -> {
				assertThat(delivery.state()).isEqualTo("FAILED");
				assertThat(delivery.lastError()).isEqualTo("HTTP 400");
			}));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(deliveries(pipeline, "webhook")).singleElement()
				.satisfies((delivery) -> assertThat(delivery.state()).isEqualTo("DELIVERED")));
		assertThat(requests(slack, pipeline)).hasSize(1);
	}

	@Test
	void openIncidentsAreSentAgainToAlertmanagerSoThatItKeepsThemFiring() {
		String pipeline = "still-open";
		this.events.publishEvent(new DatasetRejected(pipeline, "run-4", "label column missing", Instant.now()));

		await().atMost(Duration.ofSeconds(20)).until(() -> bodies(alertmanager, pipeline).size() >= 3);
		assertThat(bodies(alertmanager, pipeline)).allSatisfy((body) -> {
			assertThat(body.get(0).has("endsAt")).isFalse();
			assertThat(body.get(0).get("annotations").get("status").asString()).isEqualTo("DETECTED");
		});
		assertThat(bodies(webhook, pipeline)).as("other sinks get each notice once").hasSize(1);
	}

	@Test
	void exportsTheCircuitBreakersAndPendingDeliveries(CapturedOutput output) {
		String scraped = new ApiClient(this.port, "vera", "vera-secret").get("/actuator/prometheus").getBody();
		List<String> closed = scraped.lines()
			.filter((line) -> line.startsWith("resilience4j_circuitbreaker_state{")
					&& line.contains("state=\"closed\""))
			.toList();
		assertThat(closed).as("the store's breaker and each sink's, each once, through their own registries")
			.extracting((line) -> line.replaceAll(".*name=\"([^\"]+)\".*", "$1"))
			.containsExactlyInAnyOrder("store", "incidents-webhook", "incidents-alertmanager", "incidents-pagerduty",
					"incidents-slack");
		assertThat(scraped)
			.contains("trainyard_incident_deliveries_pending{application=\"trainyard\",sink=\"pagerduty\"}");
		assertThat(output).doesNotContain("same set of tag keys").doesNotContain("Failed to register meter");
	}

	private List<Delivery> deliveries(String pipeline, String sink) {
		return this.incidents.list(null, pipeline, 10)
			.get(0)
			.deliveries()
			.stream()
			.filter((delivery) -> delivery.sink().equals(sink))
			.toList();
	}

	private List<Receiver.Request> requests(Receiver receiver, String pipeline) {
		return receiver.received().stream().filter((request) -> request.text().contains(pipeline)).toList();
	}

	private List<JsonNode> bodies(Receiver receiver, String pipeline) {
		return requests(receiver, pipeline).stream().filter((r) -> r.status() == 200).map(this::json).toList();
	}

	private JsonNode json(Receiver.Request request) {
		return this.json.readTree(new String(request.body(), StandardCharsets.UTF_8));
	}

}
