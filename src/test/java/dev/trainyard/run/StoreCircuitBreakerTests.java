package dev.trainyard.run;

import java.io.IOException;
import java.time.Duration;

import dev.trainyard.store.StoreCircuitBreaker;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store's circuit breaker, in the server: once the store failed often enough the
 * breaker opens, the next call fails at once without reaching the store, and the run
 * waits for its run-level restart until the breaker lets a trial call through, instead of
 * spending its attempts; the restart then succeeds and the breaker closes.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.scheduling.enabled=false", "trainyard.runs.queue-check-interval=100ms",
				"trainyard.store.circuit-breaker.failure-rate-threshold=100",
				"trainyard.store.circuit-breaker.sliding-window-size=2",
				"trainyard.store.circuit-breaker.minimum-number-of-calls=2",
				"trainyard.store.circuit-breaker.wait-in-open-state=2s" })
class StoreCircuitBreakerTests {

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	StoreCircuitBreaker breaker;

	@Autowired
	MeterRegistry meters;

	@Test
	void anOpenBreakerFailsTheRunFastAndItsRestartWaitsForTheBreaker() {
		TestPipelines.write(TestDirs.jobs(getClass()), "breaker",
				TestPipelines.synthetic("breaker", "auto", 0.5)
					.replace("retry: { max-attempts: 3, backoff: 10ms, max-backoff: 50ms }",
							"retry: { max-attempts: 3, backoff: 10ms, max-backoff: 50ms, max-run-restarts: 2 }"));
		this.store.failWrites((key) -> key.contains("/000020-"), 1000, new IOException("connection reset"));

		String runId = this.runs.launch("breaker", "tester").runId();
		RunView failed = await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.runs.find(runId).orElseThrow(),
					(view) -> view.status() == RunStatus.FAILED && view.nextAttemptAt() != null);

		assertThat(this.store.attempts()).as("the third attempt never reached the store").isEqualTo(2);
		assertThat(failed.error()).contains("circuit breaker is open");
		assertThat(failed.failureKind()).isEqualTo(dev.trainyard.failure.FailureKind.TRANSIENT);
		assertThat(Duration.between(failed.endedAt(), failed.nextAttemptAt()))
			.as("the restart waits for the breaker, not the 10ms backoff")
			.isGreaterThanOrEqualTo(Duration.ofMillis(1900));
		assertThat(this.meters.get("resilience4j.circuitbreaker.state")
			.tags("name", StoreCircuitBreaker.NAME, "state", "open")
			.gauge()
			.value()).isEqualTo(1.0);

		this.store.heal();
		RunView completed = await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.runs.find(runId).orElseThrow(), (view) -> view.status() == RunStatus.COMPLETED);

		assertThat(completed.restarts()).isEqualTo(1);
		assertThat(completed.resumedFromRound()).isEqualTo(10);
		assertThat(this.breaker.state()).isEqualTo("CLOSED");
	}

}
