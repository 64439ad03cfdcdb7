package dev.trainyard.run;

import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.FaultyDataSource;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose database goes away mid-run (H2's automatic mixed mode when the process that
 * opened the database first exits): its job listener cannot record the end, but the run's
 * thread still gives it up, its heartbeat stops, and a restart continues it once the
 * database is back — no "still running" until the process restarts.
 */
@TrainyardTest
@Import(FaultyDataSource.Config.class)
class DatabaseGoneTests {

	@Autowired
	Runs runs;

	@Autowired
	ActiveRuns active;

	@Autowired
	RunRepository repository;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	DataSource dataSource;

	@AfterEach
	void heal() {
		((FaultyDataSource) this.dataSource).heal();
		this.store.heal();
	}

	@Test
	void aRunWhoseDatabaseWentAwayIsGivenUpAndARestartContinuesIt() {
		FaultyDataSource database = (FaultyDataSource) this.dataSource;
		String name = "database-gone";
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.8));
		FaultyBlobStore.Hold inSegment = this.store.holdNextWrite((key) -> key.contains("/000020-"));
		CompletableFuture<?> owner = CompletableFuture.runAsync(() -> this.runs.launch(name, "owner"));
		inSegment.awaitReached();
		String runId = this.runs.list(name, null, 1).get(0).runId();
		assertThat(this.active.holds(runId)).isTrue();

		database.fail();
		inSegment.release();
		owner.handle((result, failure) -> failure).join();

		assertThat(this.active.holds(runId)).isFalse();
		database.heal();
		assertThat(this.repository.find(runId).orElseThrow().state()).isEqualTo(RunStatus.STARTED);
		RunView restarted = this.runs.restart(runId, "operator");
		assertThat(restarted.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(restarted.resumedFromRound()).isEqualTo(10);
	}

}
