package dev.trainyard.run;

import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An execution that Spring Batch could not record the end of — the database restarted
 * while the train step committed, and the rollback failed too, which leaves the step and
 * the job {@code UNKNOWN} — is restarted all the same, from its last committed
 * checkpoint: Spring Batch alone refuses ("Cannot restart … from UNKNOWN status").
 */
@TrainyardTest
@OnEveryBackend
class UnknownExecutionTests {

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aRunLeftUnknownByTheDatabaseResumesFromItsLastCheckpoint() {
		String name = "left-unknown";
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.5));
		this.store.crashWritingCheckpoint(30);
		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		long execution = this.jdbc.queryForObject("SELECT EXECUTION_ID FROM TY_RUN WHERE RUN_ID = ?", Long.class,
				failed.runId());
		this.jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN' WHERE JOB_EXECUTION_ID = ?"
				+ " AND STEP_NAME = 'train'", execution);
		this.jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN' WHERE JOB_EXECUTION_ID = ?", execution);

		RunView resumed = this.runs.resumeLatest(name, "tester");

		assertThat(resumed.status()).as(resumed.error()).isEqualTo(RunStatus.COMPLETED);
		assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(resumed.resumedFromRound()).isEqualTo(20);
		assertThat(this.jdbc.queryForObject(
				"SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?" + " AND STEP_NAME = 'train'",
				String.class, execution))
			.isEqualTo("FAILED");
	}

}
