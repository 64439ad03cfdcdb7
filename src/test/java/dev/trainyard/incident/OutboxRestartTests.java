package dev.trainyard.incident;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.TrainyardApplication;
import dev.trainyard.run.DatasetRejected;
import dev.trainyard.run.GateFailed;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunFinished;
import dev.trainyard.run.RunStatus;
import dev.trainyard.support.Receiver;
import dev.trainyard.support.Signatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing in the outbox is lost across a receiver outage and a restart: a server that
 * stops (one of its deliveries still leased, as if it died sending it) leaves its notices
 * to the next server on the same database, which sends each with the event id it was
 * given; a CLI process tries before it exits and a server delivers what is left.
 */
class OutboxRestartTests {

	static final String SECRET = "restart-secret";

	@TempDir
	Path root;

	final Receiver webhook = Receiver.start();

	@AfterEach
	void stop() {
		this.webhook.close();
	}

	@Test
	void aServerRestartedMidDeliveryLosesNoNotice() {
		this.webhook.failNext(10_000, 503, "1");
		Map<String, String> eventIds;
		try (ConfigurableApplicationContext first = start(WebApplicationType.SERVLET)) {
			first.publishEvent(new RunFinished("restart-a", "run-a", RunStatus.FAILED, Outcome.FAILED, null,
					FailureKind.FATAL, Instant.now(), false));
			first.publishEvent(new DatasetRejected("restart-b", "run-b", "bad label", Instant.now()));
			first.publishEvent(
					new GateFailed("restart-c", "run-c", List.of("auc regressed by 0.04"), true, Instant.now()));
			await().atMost(Duration.ofSeconds(20)).until(() -> this.webhook.received().size() >= 3);
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			jdbc.update(
					"UPDATE TY_INCIDENT_OUTBOX SET LEASE_OWNER = 'died-mid-delivery', LEASE_UNTIL = ?"
							+ " WHERE ID = (SELECT MIN(ID) FROM TY_INCIDENT_OUTBOX)",
					java.sql.Timestamp.from(Instant.now().plusSeconds(2)));
			eventIds = eventIds(jdbc);
		}
		assertThat(eventIds).hasSize(3);
		assertThat(this.webhook.accepted()).isEmpty();

		this.webhook.failNext(0, 503, null);
		try (ConfigurableApplicationContext second = start(WebApplicationType.SERVLET)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(acceptedEventIds()).containsAll(eventIds.values()));
			assertThat(eventIds(second.getBean(JdbcTemplate.class))).isEqualTo(eventIds);
		}
		assertThat(this.webhook.received()).allSatisfy((request) -> assertThat(request.header("X-Trainyard-Signature"))
			.isEqualTo(Signatures.sign(SECRET, request.body())));
	}

	@Test
	void aCliRunTriesBeforeItExitsAndAServerDeliversTheRest() {
		try (ConfigurableApplicationContext cli = start(WebApplicationType.NONE)) {
			cli.publishEvent(new DatasetRejected("cli-delivered", "run-d", "empty file", Instant.now()));
		}
		assertThat(this.webhook.accepted()).singleElement()
			.satisfies((request) -> assertThat(request.text()).contains("cli-delivered"));

		this.webhook.failNext(10_000, 503, null);
		try (ConfigurableApplicationContext cli = start(WebApplicationType.NONE)) {
			cli.publishEvent(new DatasetRejected("cli-left-over", "run-e", "empty file", Instant.now()));
		}
		assertThat(this.webhook.accepted()).hasSize(1);
		this.webhook.failNext(0, 503, null);
		try (ConfigurableApplicationContext server = start(WebApplicationType.SERVLET)) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.webhook.accepted())
					.anySatisfy((request) -> assertThat(request.text()).contains("cli-left-over")));
		}
	}

	/**
	 * Starts Trainyard on this test's data dir (arguments: they win over
	 * application.yaml).
	 */
	private ConfigurableApplicationContext start(WebApplicationType type) {
		return new SpringApplicationBuilder(TrainyardApplication.class).web(type)
			.run("--server.port=0", "--data-dir=" + this.root.resolve("data"),
					"--jobs-dir=" + this.root.resolve("jobs"), "--trainyard.scheduling.enabled=false",
					"--trainyard.incidents.sinks[0].type=webhook",
					"--trainyard.incidents.sinks[0].url=" + this.webhook.url() + "/hook",
					"--trainyard.incidents.sinks[0].secret=" + SECRET, "--trainyard.incidents.delivery.interval=100ms",
					"--trainyard.incidents.delivery.initial-backoff=100ms",
					"--trainyard.incidents.delivery.max-backoff=300ms",
					"--trainyard.incidents.delivery.cli-drain-timeout=2s",
					"--trainyard.incidents.circuit-breaker.wait-in-open-state=200ms");
	}

	private static Map<String, String> eventIds(JdbcTemplate jdbc) {
		Map<String, String> ids = new HashMap<>();
		jdbc.query("SELECT I.PIPELINE, O.EVENT_ID FROM TY_INCIDENT_OUTBOX O JOIN TY_INCIDENT I ON I.ID = O.INCIDENT_ID",
				(rs) -> {
					ids.put(rs.getString(1), rs.getString(2));
				});
		return ids;
	}

	private List<String> acceptedEventIds() {
		return this.webhook.accepted().stream().map((request) -> request.header("X-Trainyard-Event-Id")).toList();
	}

}
