package dev.trainyard.run;

import java.time.Duration;
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
 * The dead-run detector: runs whose owner died are marked failed and can be restarted;
 * live ones are left alone. Dead means: gone from this host, or no heartbeat for
 * {@code dead-after} by the database's clock.
 */
@TrainyardTest(properties = "trainyard.runs.dead-after=30s")
class DeadRunsTests {

	@Autowired
	Runs runs;

	@Autowired
	DeadRuns deadRuns;

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

		assertThat(this.deadRuns.recoverAll()).containsExactly(dead);

		RunView recovered = this.runs.find(dead).orElseThrow();
		assertThat(recovered.status()).isEqualTo(RunStatus.FAILED);
		assertThat(recovered.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(recovered.failureReason()).isEqualTo(DeadRuns.OWNER_DIED);
		assertThat(recovered.actions()).extracting(RunView.Action::action).contains(RunAction.RECOVER);
		assertThat(this.runs.find(alive).orElseThrow().status()).isEqualTo(RunStatus.STARTED);
		assertThat(this.runs.restart(dead, "tester").status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void anOwnerOnAnotherHostIsDeadOnlyOnceItsHeartbeatIsOlderThanDeadAfterByTheDatabasesClock() {
		String fresh = failedRun("fresh-heartbeat");
		String stale = failedRun("stale-heartbeat");
		Instant now = this.jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", java.sql.Timestamp.class).toInstant();
		KilledRuns.leaveOnAnotherHost(this.jdbc, fresh, "train", now.minus(Duration.ofSeconds(20)));
		KilledRuns.leaveOnAnotherHost(this.jdbc, stale, "train", now.minus(Duration.ofSeconds(40)));

		assertThat(this.deadRuns.recoverAll()).containsExactly(stale);
		assertThat(this.runs.find(fresh).orElseThrow().status()).isEqualTo(RunStatus.STARTED);
	}

	@Test
	void aLiveOwnerWithAStartTimeThatLooksWrongIsStillAlive() {
		String run = failedRun("clock-stepped");
		KilledRuns.leave(this.jdbc, run, "train", ProcessHandle.current().pid(),
				Instant.now().minus(Duration.ofDays(3)));
		this.jdbc.update("UPDATE TY_RUN SET OWNER_ID = OWNER_HOST || '/' || OWNER_PID || '/other' WHERE RUN_ID = ?",
				run);

		assertThat(this.deadRuns.recoverAll()).isEmpty();
		assertThat(this.runs.find(run).orElseThrow().status()).isEqualTo(RunStatus.STARTED);
	}

	private String failedRun(String name) {
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.5));
		this.store.crashWritingCheckpoint(30);
		try {
			return this.runs.launch(name, "tester").runId();
		}
		finally {
			this.store.heal();
		}
	}

}
