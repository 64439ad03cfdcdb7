package dev.trainyard.slo;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.run.Outcome;
import dev.trainyard.run.Runs;
import dev.trainyard.support.ApiClient;
import dev.trainyard.support.MutableClock;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TrainyardTest;
import dev.trainyard.support.TestPipelines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/slo} and the server's periodic evaluation: a model goes stale with no
 * run at all and a freshness incident opens; time out of {@code max-age} spends the
 * freshness budget. The clock is the test's.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.runs.asynchronous=false", "trainyard.slo.evaluation-interval=1s",
				"trainyard.scheduling.enabled=false", "trainyard.security.users[0].name=vera",
				"trainyard.security.users[0].password={noop}vera-secret", "trainyard.security.users[0].roles=VIEWER" })
@Import(MutableClock.Config.class)
class SloApiTests {

	@Autowired
	Runs runs;

	@Autowired
	MutableClock clock;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	final Path jobs = TestDirs.jobs(getClass());

	ApiClient vera;

	@BeforeEach
	void setUp() {
		this.vera = new ApiClient(this.port, "vera", "vera-secret");
	}

	@Test
	void modelGoesStaleWithNoRunAndAFreshnessIncidentOpens() {
		pipeline("goes-stale", "freshness: { max-age: 20s }\n");
		assertThat(this.runs.launch("goes-stale", "tester").outcome()).isEqualTo(Outcome.PROMOTED);

		JsonNode fresh = slo("goes-stale");
		assertThat(fresh.get("status").asString()).isEqualTo("OK");
		assertThat(fresh.get("modelAgeSeconds").asLong()).isZero();
		assertThat(fresh.get("maxAgeSeconds").asLong()).isEqualTo(20);
		assertThat(fresh.get("budgets").findValuesAsString("slo")).containsExactly("run-success", "freshness");
		assertThat(fresh.get("budgets").get(0).get("target").asDouble()).isEqualTo(0.95);
		assertThat(fresh.get("budgets").get(0).get("remaining").asDouble()).isEqualTo(1.0);
		assertThat(fresh.get("budgets").get(0).get("status").asString()).isEqualTo("HEALTHY");

		this.clock.advance(Duration.ofSeconds(21));

		JsonNode stale = slo("goes-stale");
		assertThat(stale.get("status").asString()).isEqualTo("VIOLATED");
		assertThat(stale.get("modelAgeSeconds").asLong()).isEqualTo(21);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(openIncidents("goes-stale")).anySatisfy((incident) -> {
				assertThat(incident.get("type").asString()).isEqualTo("FRESHNESS");
				assertThat(incident.get("severity").asString()).isEqualTo("SEV2");
				assertThat(incident.get("status").asString()).isEqualTo("DETECTED");
				assertThat(incident.get("count").asInt()).isEqualTo(1);
			}));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(scrape()).contains(
					"trainyard_error_budget_remaining_ratio{application=\"trainyard\",pipeline=\"goes-stale\",slo=\"run-success\"} 1.0",
					"trainyard_incidents_open{application=\"trainyard\",severity=\"SEV2\",type=\"FRESHNESS\"} 1.0"));
	}

	@Test
	void timeOutOfMaxAgeSpendsTheFreshnessBudget() {
		pipeline("budgeted", "freshness: { max-age: 20s }\nslo: { freshness: { target: 0.5, window: 100s } }\n");
		this.runs.launch("budgeted", "tester");
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(budget("budgeted", "freshness").get("remaining").asDouble()).isEqualTo(1.0);

		this.clock.advance(Duration.ofSeconds(40));
		JsonNode spent = budget("budgeted", "freshness");
		assertThat(spent.get("remaining").asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(spent.get("status").asString()).isEqualTo("CRITICAL");

		this.clock.advance(Duration.ofSeconds(20));
		assertThat(budget("budgeted", "freshness").get("status").asString()).isEqualTo("EXHAUSTED");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(openIncidents("budgeted")).anySatisfy((incident) -> {
				assertThat(incident.get("type").asString()).isEqualTo("ERROR_BUDGET_EXHAUSTED");
				assertThat(incident.get("severity").asString()).isEqualTo("SEV1");
			}));
	}

	@Test
	void aWarningIncidentIsEscalatedWhenTheModelGoesStale() {
		pipeline("warns-first", "freshness: { max-age: 20s, warn-age: 10s }\n");
		this.runs.launch("warns-first", "tester");
		this.clock.advance(Duration.ofSeconds(11));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(openIncidents("warns-first")).singleElement().satisfies((incident) -> {
				assertThat(incident.get("severity").asString()).isEqualTo("SEV4");
				assertThat(incident.get("title").asString()).isEqualTo("The model of warns-first is getting stale");
			}));
		this.clock.advance(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(openIncidents("warns-first")).singleElement().satisfies((incident) -> {
				assertThat(incident.get("severity").asString()).isEqualTo("SEV2");
				assertThat(incident.get("title").asString()).isEqualTo("The model of warns-first is stale");
				assertThat(incident.get("count").asInt()).isEqualTo(2);
				assertThat(incident.get("timeline").findValuesAsString("action")).containsExactly("DETECTED",
						"ESCALATED");
			}));
	}

	private JsonNode slo(String pipeline) {
		JsonNode all = this.json.readTree(this.vera.get("/api/slo").getBody());
		assertThat(all.isArray()).isTrue();
		for (JsonNode report : all) {
			if (report.get("pipeline").asString().equals(pipeline)) {
				return report;
			}
		}
		throw new AssertionError("no " + pipeline + " in " + all);
	}

	private JsonNode budget(String pipeline, String slo) {
		for (JsonNode budget : slo(pipeline).get("budgets")) {
			if (budget.get("slo").asString().equals(slo)) {
				return budget;
			}
		}
		throw new AssertionError("no budget " + slo);
	}

	private Iterable<JsonNode> openIncidents(String pipeline) {
		return this.json.readTree(this.vera.get("/api/incidents?status=open&pipeline=" + pipeline).getBody());
	}

	private String scrape() {
		return this.vera.get("/actuator/prometheus").getBody();
	}

	private void pipeline(String name, String extra) {
		TestPipelines.write(this.jobs, name, TestPipelines.synthetic(name, "auto", 0.5) + extra);
	}

}
