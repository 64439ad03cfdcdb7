package dev.trainyard.run;

import java.io.IOException;
import java.time.Instant;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trained candidate comes through one channel, the final checkpoint the train step
 * named: read back when the execution that trained it is gone, never a deleted one, and
 * when it is gone the run says what to do that can work.
 */
@TrainyardTest
class CandidateModelTests {

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Test
	void aRestartedRunEvaluatesTheFinalCheckpointReadBack() {
		String name = pipeline("read-back");
		this.runs.launch(name, "tester");
		failTheChampionsArtifactOnce(name);
		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(failed.steps()).extracting(RunView.StepView::name).endsWith("evaluate");

		RunView restarted = this.runs.restart(failed.runId(), "tester");
		assertThat(restarted.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(restarted.modelSha256()).isEqualTo(failed.modelSha256());
	}

	@Test
	void aRunWhoseFinalCheckpointWasDeletedSaysToLaunchANewRun(@Autowired Checkpoints checkpoints,
			@Autowired JdbcTemplate jdbc) throws IOException {
		String name = pipeline("final-gone");
		this.runs.launch(name, "tester");
		failTheChampionsArtifactOnce(name);
		RunView failed = this.runs.launch(name, "tester");
		CheckpointRef last = checkpoints.list(failed.runId()).get(0);
		this.store.delete(last.key());
		jdbc.update("UPDATE TY_CHECKPOINT SET DELETED_AT = ? WHERE ID = ?", java.sql.Timestamp.from(Instant.now()),
				last.id());

		RunView restarted = this.runs.restart(failed.runId(), "tester");

		assertThat(restarted.status()).isEqualTo(RunStatus.FAILED);
		assertThat(restarted.error()).contains("no longer in the store")
			.contains("launch a new run")
			.doesNotContain("restart");
		assertThat(restarted.failureKind()).isEqualTo(dev.trainyard.failure.FailureKind.FATAL);
	}

	private void failTheChampionsArtifactOnce(String name) {
		this.store.failReads((key) -> key.equals("models/" + name + "/1/model.ubj"), 1,
				new IllegalStateException("the artifact store refused"));
	}

	private String pipeline(String name) {
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.5));
		return name;
	}

}
