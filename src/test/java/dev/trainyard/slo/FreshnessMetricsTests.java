package dev.trainyard.slo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The server exports the model-freshness gauges of every pipeline under the contract's
 * Prometheus names.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "trainyard.runs.asynchronous=false",
		"trainyard.slo.evaluation-interval=1h", "trainyard.scheduling.enabled=false" })
class FreshnessMetricsTests {

	@Autowired
	Runs runs;

	@Autowired
	FreshnessMetrics metrics;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	Environment environment;

	@LocalServerPort
	int port;

	@Test
	void exportsTheAgeMaxAgeAndLastTrainingOfEachPipelineAndForgetsRemovedOnes() throws IOException {
		Path jobs = TestDirs.root(getClass()).resolve("jobs");
		TestPipelines.write(jobs, "fresh",
				TestPipelines.synthetic("fresh", "auto", 0.5) + "freshness: { max-age: 7d, warn-age: 5d }\n");
		Path untrained = TestPipelines.write(jobs, "untrained", TestPipelines.synthetic("untrained", "auto", 0.5));
		RunView run = this.runs.launch("fresh", "tester");
		assertThat(run.outcome()).isEqualTo(Outcome.PROMOTED);

		this.metrics.evaluate();

		assertThat(gauge("trainyard.model.age", "fresh")).isBetween(0.0, 600.0);
		assertThat(gauge("trainyard.model.freshness.max.age", "fresh")).isEqualTo(7 * 24 * 3600.0);
		assertThat(gauge("trainyard.last.successful.training.timestamp", "fresh"))
			.isCloseTo(System.currentTimeMillis() / 1000.0, within(600.0));
		assertThat(gauge("trainyard.model.age", "untrained")).isNaN();
		assertThat(gauge("trainyard.model.freshness.max.age", "untrained")).isNaN();
		assertThat(gauge("trainyard.last.successful.training.timestamp", "untrained")).isNaN();
		String scraped = scrape();
		assertThat(sample(scraped, "trainyard_model_age_seconds", "fresh")).isNotEqualTo("NaN");
		assertThat(sample(scraped, "trainyard_model_freshness_max_age_seconds", "fresh")).isEqualTo("604800.0");
		assertThat(sample(scraped, "trainyard_model_freshness_warn_age_seconds", "fresh")).isEqualTo("432000.0");
		assertThat(sample(scraped, "trainyard_last_successful_training_timestamp_seconds", "fresh"))
			.isNotEqualTo("NaN");

		Files.delete(untrained);
		this.metrics.evaluate();
		assertThat(this.meterRegistry.find("trainyard.model.age").tag("pipeline", "untrained").gauge()).isNull();
		assertThat(scrape()).doesNotContain("pipeline=\"untrained\"");
	}

	private double gauge(String name, String pipeline) {
		return this.meterRegistry.get(name).tag("pipeline", pipeline).gauge().value();
	}

	/** The value of a Prometheus sample of {@code metric} for {@code pipeline}. */
	private static String sample(String scraped, String metric, String pipeline) {
		return scraped.lines()
			.filter((line) -> line.startsWith(metric + "{") && line.contains("pipeline=\"" + pipeline + "\""))
			.map((line) -> line.substring(line.lastIndexOf(' ') + 1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + metric + " of " + pipeline + " in:\n" + scraped));
	}

	private String scrape() {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
	}

}
