package dev.trainyard.run;

import java.nio.file.Path;
import java.time.Instant;

import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server starting after a crash shows the runs its dead processes left behind as
 * failed, and leaves live ones alone.
 */
@TrainyardTest
class AbandonedRunRecoveryTests {

	static final Path root = TestDirs.root(AbandonedRunRecoveryTests.class);

	@Autowired
	Runs runs;

	@Autowired
	RunRepository runRepository;

	@Autowired
	RunViews views;

	@Autowired
	RunLiveness liveness;

	@Autowired
	org.springframework.batch.core.launch.JobOperator jobOperator;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void marksRunsOfDeadProcessesFailedAndLeavesLiveOnesAlone() throws Exception {
		String dead = failedRun("dead-owner");
		String alive = failedRun("live-owner");
		Process gone = KilledRuns.finishedProcess();
		KilledRuns.leave(this.jdbc, dead, "train", gone.pid(), Instant.now());
		KilledRuns.leave(this.jdbc, alive, "train", 1,
				ProcessHandle.of(1).orElseThrow().info().startInstant().orElseThrow());

		int recovered = new AbandonedRunRecovery(this.runRepository, this.views, this.liveness, this.jobOperator)
			.recover(100);

		assertThat(recovered).isEqualTo(1);
		assertThat(this.runs.find(dead).orElseThrow().status()).isEqualTo("FAILED");
		assertThat(this.runs.find(dead).orElseThrow().outcome()).isEqualTo("FAILED");
		assertThat(this.runs.find(alive).orElseThrow().status()).isEqualTo("STARTED");
		assertThat(this.runs.restart(dead, "tester").status()).isEqualTo("COMPLETED");
	}

	private String failedRun(String name) {
		TestPipelines.write(root.resolve("jobs"), name, TestPipelines.synthetic(name, "auto", 0.5));
		this.store.failWrites((key) -> key.contains("/000030-"), 1, new IllegalStateException("crash"));
		try {
			return this.runs.launch(name, "tester").runId();
		}
		finally {
			this.store.heal();
		}
	}

}
