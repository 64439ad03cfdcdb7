package dev.trainyard.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run keeps the blobs of its newest {@code keep} checkpoints while it trains, and none
 * once its model is registered; the rows stay.
 * {@link CheckpointRetentionOnPostgresS3Tests} runs them on PostgreSQL and S3.
 */
@TrainyardTest
@OnEveryBackend
@TestPropertySource(properties = "trainyard.checkpoints.keep=2")
class CheckpointRetentionTests implements InUseBackend {

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	Checkpoints checkpoints;

	@Autowired
	Environment environment;

	@Test
	void keepsTheNewestCheckpointsWhileTrainingAndNoneOnceTheModelIsRegistered() {
		String name = pipeline("retained", 0.5);
		this.store.crashWritingCheckpoint(40);
		RunView failed;
		try {
			failed = this.runs.launch(name, "tester");
		}
		finally {
			this.store.heal();
		}
		assertThat(failed.checkpoints()).extracting(RunView.CheckpointView::round).containsExactly(30, 20, 10);
		assertThat(failed.checkpoints()).extracting(RunView.CheckpointView::deleted)
			.containsExactly(false, false, true);
		assertThat(blobExists(failed.runId(), 10)).isFalse();
		assertThat(blobExists(failed.runId(), 30)).isTrue();

		RunView completed = this.runs.restart(failed.runId(), "tester");
		assertThat(completed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(completed.resumedFromRound()).isEqualTo(30);
		assertThat(completed.checkpoints()).hasSize(4).allSatisfy((checkpoint) -> {
			assertThat(checkpoint.deleted()).isTrue();
			assertThat(blobExists(failed.runId(), checkpoint.round())).isFalse();
		});
	}

	@Test
	void rejectedRunKeepsItsNewestCheckpoints() {
		RunView rejected = this.runs.launch(pipeline("rejected-kept", 0.9999999), "tester");
		assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(rejected.checkpoints()).filteredOn((checkpoint) -> !checkpoint.deleted())
			.extracting(RunView.CheckpointView::round)
			.containsExactly(40, 30);
	}

	private boolean blobExists(String runId, int round) {
		CheckpointRef ref = this.checkpoints.list(runId)
			.stream()
			.filter((candidate) -> candidate.round() == round)
			.findFirst()
			.orElseThrow();
		try {
			return this.store.exists(ref.key());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String pipeline(String name, double minAuc) {
		TestPipelines.write(TestDirs.root(getClass()).resolve("jobs"), name,
				TestPipelines.synthetic(name, "auto", minAuc));
		return name;
	}

}
