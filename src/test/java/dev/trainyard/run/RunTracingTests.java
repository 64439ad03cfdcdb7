package dev.trainyard.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.trainyard.support.ApiClient;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run launched over HTTP executes on a thread of its own, yet its observations (the
 * job's, and so its spans) are children of the launching request's: the run's thread
 * carries on the request's context.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "trainyard.security.users[0].name=olivia",
		"trainyard.security.users[0].password={noop}olivia-secret", "trainyard.security.users[0].roles=OPERATOR" })
@Import(RunTracingTests.Started.class)
class RunTracingTests {

	@LocalServerPort
	int port;

	@Autowired
	Started started;

	@BeforeAll
	static void writePipeline() {
		TestPipelines.write(TestDirs.jobs(RunTracingTests.class), "traced",
				TestPipelines.synthetic("traced", "auto", 0.5));
	}

	@Test
	void aRunsObservationsArePartOfItsLaunchRequest() {
		ApiClient olivia = new ApiClient(this.port, "olivia", "olivia-secret");
		assertThat(olivia.post("/api/pipelines/traced/runs", null).getStatusCode().value()).isEqualTo(202);

		Observation.Context job = await().atMost(Duration.ofMinutes(1))
			.until(() -> this.started.named("spring.batch.job"), (found) -> found != null);
		assertThat(ancestors(job)).contains("http.server.requests");
	}

	private static List<String> ancestors(Observation.Context context) {
		List<String> names = new ArrayList<>();
		for (ObservationView parent = context.getParentObservation(); parent != null; parent = parent.getContextView()
			.getParentObservation()) {
			names.add(parent.getContextView().getName());
		}
		return names;
	}

	/** Every observation the application starts (a handler the registry is given). */
	@TestConfiguration(proxyBeanMethods = false)
	static class Started implements ObservationHandler<Observation.Context> {

		private final Queue<Observation.Context> contexts = new ConcurrentLinkedQueue<>();

		@Override
		public void onStart(Observation.Context context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		Observation.Context named(String name) {
			return this.contexts.stream().filter((context) -> name.equals(context.getName())).findFirst().orElse(null);
		}

	}

}
