package dev.trainyard.run;

import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trainer.timeout}: training that takes longer fails the run with reason
 * {@code TIMED_OUT} (not retried: it would only time out again), its checkpoints kept; a
 * restart continues from the newest with a new timeout to spend.
 */
@TrainyardTest
class TimeoutTests {

	@Autowired
	Runs runs;

	@Autowired
	MeterRegistry meters;

	@Test
	void trainingPastItsTimeoutFailsTheRunTimedOutAndARestartContinuesFromItsCheckpoints() {
		TestPipelines.write(TestDirs.jobs(getClass()), "slow", """
				name: slow
				dataset:
				  path: "synthetic:classification?rows=20000&features=10&seed=3"
				  label: label
				trainer:
				  objective: binary:logistic
				  rounds: 5000
				  params: { max_depth: 6, eta: 0.05 }
				  checkpoint-every: 20
				  timeout: 1s
				retry: { max-attempts: 3, backoff: 10ms, max-backoff: 50ms, max-run-restarts: 2 }
				gates:
				  - { metric: auc, min: 0.5 }
				promotion: { approval: auto }
				""");

		RunView timedOut = this.runs.find(this.runs.launch("slow", "tester").runId()).orElseThrow();

		assertThat(timedOut.status()).isEqualTo(RunStatus.FAILED);
		assertThat(timedOut.failureReason()).isEqualTo("TIMED_OUT");
		assertThat(timedOut.error()).startsWith("TIMED_OUT").contains("trainer.timeout (PT1S)");
		assertThat(timedOut.nextAttemptAt()).as("not restarted by itself").isNull();
		assertThat(timedOut.restarts()).isZero();
		assertThat(timedOut.checkpoints()).isNotEmpty();
		RunView.CheckpointView newest = timedOut.checkpoints().get(0);
		assertThat(newest.deleted()).isFalse();
		assertThat(timedOut.progress().round()).isLessThan(5000);
		assertThat(this.meters.counter("trainyard.runs.failures", "pipeline", "slow", "reason", "TIMED_OUT").count())
			.isEqualTo(1);

		int reached = newest.round();
		RunView again = this.runs.find(this.runs.restart(timedOut.runId(), "tester").runId()).orElseThrow();

		assertThat(again.resumedFromRound()).isEqualTo(reached);
		assertThat(again.failureReason()).isEqualTo("TIMED_OUT");
		assertThat(again.progress().round()).isGreaterThan(reached);
	}

}
