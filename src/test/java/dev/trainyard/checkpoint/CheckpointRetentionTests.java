package dev.trainyard.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

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

	@Test
	void marksTheRowDeletedAndCommitsItBeforeTheBlobGoes(@Autowired DataSource dataSource) {
		// what another process sees at the moment a blob is deleted: a kill then must not
		// leave a live row whose blob is gone (bench/crash-test.sh checks every live row)
		List<String> seen = new CopyOnWriteArrayList<>();
		this.store.beforeDelete((key) -> seen.add(key + " " + committedDeletedMark(dataSource, key)));
		RunView completed;
		try {
			completed = this.runs.launch(pipeline("marked-first", 0.5), "tester");
		}
		finally {
			this.store.heal();
		}
		assertThat(completed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(seen).hasSize(completed.checkpoints().size())
			.allSatisfy((line) -> assertThat(line).endsWith(" true"));
	}

	@Test
	void aBlobThatCannotBeDeletedKeepsItsRowLive() {
		this.store.beforeDelete((key) -> {
			throw new IOException("No space left on device");
		});
		RunView completed;
		try {
			completed = this.runs.launch(pipeline("undeletable", 0.5), "tester");
		}
		finally {
			this.store.heal();
		}
		assertThat(completed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(completed.checkpoints()).isNotEmpty().allSatisfy((checkpoint) -> {
			assertThat(checkpoint.deleted()).isFalse();
			assertThat(blobExists(completed.runId(), checkpoint.round())).isTrue();
		});
	}

	/** Whether the row of a blob is marked deleted, read on a connection of its own. */
	private static boolean committedDeletedMark(DataSource dataSource, String key) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT DELETED_AT IS NOT NULL FROM TY_CHECKPOINT WHERE BLOB_KEY = ?")) {
			query.setString(1, key);
			try (ResultSet rs = query.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
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
