package dev.trainyard.run;

import java.io.IOException;
import java.time.Duration;

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
 * Bounded retries, in the server: a transient failure is retried inside the step; a run
 * that still fails transiently is restarted from its last checkpoint up to
 * {@code retry.max-run-restarts} times; nothing retries without bound, and a fatal error
 * is tried once.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.scheduling.enabled=false", "trainyard.runs.queue-check-interval=100ms" })
class RunLevelRestartTests {

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Test
	void aStoreFailingTransientlyFewerTimesThanTheAttemptsIsRetriedInTheStep(@Autowired MeterRegistry meters) {
		String name = pipeline("few-failures");
		this.store.failWrites((key) -> key.contains("/000020-"), 2, new IOException("connection reset"));

		RunView run = awaitEnd(this.runs.launch(name, "tester").runId());

		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.restarts()).isZero();
		assertThat(this.store.attempts()).isEqualTo(3);
		assertThat(meters.counter("trainyard.retries", "pipeline", name, "step", "train").count()).isEqualTo(2);
	}

	@Test
	void aStoreThatAlwaysFailsEndsAfterExactlyAttemptsTimesOnePlusRunRestartsThenFails() {
		String name = pipeline("always-failing");
		this.store.failWrites((key) -> key.contains("/000020-"), 1000, new IOException("bucket unreachable"));

		RunView run = this.runs.launch(name, "tester");
		RunView failed = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.runs.find(run.runId()).orElseThrow(), (view) -> view.status() == RunStatus.FAILED
					&& view.executions() == 3 && view.nextAttemptAt() == null && !view.isRunning());

		assertThat(this.store.attempts()).isEqualTo(3 * (1 + 2));
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(failed.executions()).isEqualTo(3);
		assertThat(failed.resumedFromRound()).isEqualTo(10);
		assertThat(failed.actions()).filteredOn((action) -> action.action() == RunAction.RESTART)
			.hasSize(2)
			.allSatisfy((action) -> {
				assertThat(action.actor()).isEqualTo(RunTermination.TRAINYARD);
				assertThat(action.detail()).startsWith("run-level restart").contains("cannot write checkpoint");
			});
	}

	@Test
	void aFatalErrorIsTriedOnce() {
		String name = pipeline("fatal");
		this.store.failWrites((key) -> key.contains("/000020-"), 1000, new IllegalStateException("disk on fire"));

		RunView run = awaitEnd(this.runs.launch(name, "tester").runId());

		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.nextAttemptAt()).isNull();
		assertThat(this.store.attempts()).isEqualTo(1);
		assertThat(run.executions()).isEqualTo(1);
	}

	private RunView awaitEnd(String runId) {
		return await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.runs.find(runId).orElseThrow(), (view) -> !view.isRunning()
					&& view.status() != RunStatus.QUEUED && view.endedAt() != null && view.nextAttemptAt() == null);
	}

	private String pipeline(String name) {
		String yaml = TestPipelines.synthetic(name, "auto", 0.5)
			.replace("retry: { max-attempts: 3, backoff: 10ms, max-backoff: 50ms }",
					"retry: { max-attempts: 3, backoff: 10ms, max-backoff: 50ms, max-run-restarts: 2 }");
		TestPipelines.write(TestDirs.jobs(getClass()), name, yaml);
		return name;
	}

}
