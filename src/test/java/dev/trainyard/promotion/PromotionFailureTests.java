package dev.trainyard.promotion;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import dev.trainyard.registry.ArtifactUnavailableException;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.PromotionFailed;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Promotion is all or nothing, happens once per run, and can be rolled back: on the
 * default database (H2); {@link PromotionFailureOnPostgresS3Tests} runs these on
 * PostgreSQL and S3.
 */
@TrainyardTest
@OnEveryBackend
@RecordApplicationEvents
class PromotionFailureTests implements InUseBackend {

	final Path root = TestDirs.root(getClass());

	@Autowired
	Runs runs;

	@Autowired
	ModelRegistry registry;

	@Autowired
	FaultyBlobStore store;

	@Test
	void failedPointerWriteLeavesChampionHistoryAndPointerUnchanged(@Autowired ApplicationEvents events)
			throws IOException {
		String name = auto("pointer-fails");
		RunView first = this.runs.launch(name, "operator");
		String pointerBefore = pointer(name);

		this.store.failWrites((key) -> key.endsWith("/champion.json"), 1000, new IOException("bucket unavailable"));
		RunView second = this.runs.launch(name, "operator");

		assertThat(second.status()).isEqualTo(RunStatus.FAILED);
		assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(this.registry.champion(name).orElseThrow().version()).isEqualTo(first.modelVersion());
		assertThat(this.registry.history(name)).hasSize(1);
		assertThat(pointer(name)).isEqualTo(pointerBefore);
		assertThat(events.stream(PromotionFailed.class))
			.anySatisfy((event) -> assertThat(event.version()).isEqualTo(second.modelVersion()));
	}

	@Test
	void promotionKilledAfterItsCommitChangesTheChampionOnceOnResume(@Autowired JdbcTemplate jdbc) throws Exception {
		String name = auto("killed-in-promote");
		RunView promoted = this.runs.launch(name, "operator");
		Process gone = KilledRuns.finishedProcess();
		KilledRuns.leave(jdbc, promoted.runId(), "promote", gone.pid(), Instant.now());

		RunView resumed = this.runs.resumeLatest(name, "operator");
		assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.registry.history(name)).singleElement()
			.satisfies((change) -> assertThat(change.runId()).isEqualTo(promoted.runId()));
	}

	@Test
	void rollbackReturnsToThePreviousChampionAndIsRecorded() throws IOException {
		String name = auto("roll-back");
		RunView first = this.runs.launch(name, "operator");
		RunView second = this.runs.launch(name, "operator");
		assertThat(this.registry.champion(name).orElseThrow().version()).isEqualTo(second.modelVersion());

		this.registry.rollback(name, null, "approver", "bad predictions in production");

		assertThat(this.registry.champion(name).orElseThrow().version()).isEqualTo(first.modelVersion());
		assertThat(this.registry.history(name)).hasSize(3).last().satisfies((change) -> {
			assertThat(change.action()).isEqualTo("ROLLBACK");
			assertThat(change.fromVersion()).isEqualTo(second.modelVersion());
			assertThat(change.toVersion()).isEqualTo(first.modelVersion());
			assertThat(change.actor()).isEqualTo("approver");
			assertThat(change.reason()).isEqualTo("bad predictions in production");
		});
		assertThat(pointer(name)).contains("\"version\":" + first.modelVersion());
	}

	@Test
	void rollbackToAVersionWithACorruptArtifactChangesNothing() throws IOException {
		String name = auto("roll-back-corrupt");
		RunView first = this.runs.launch(name, "operator");
		RunView second = this.runs.launch(name, "operator");
		StoredBlobs.replace(this.store, "models/" + name + "/" + first.modelVersion() + "/model.ubj", "not a model");
		String pointerBefore = pointer(name);

		assertThatExceptionOfType(ArtifactUnavailableException.class)
			.isThrownBy(() -> this.registry.rollback(name, first.modelVersion(), "approver", null));
		assertThat(this.registry.champion(name).orElseThrow().version()).isEqualTo(second.modelVersion());
		assertThat(this.registry.history(name)).hasSize(2);
		assertThat(pointer(name)).isEqualTo(pointerBefore);
	}

	private String pointer(String name) throws IOException {
		return StoredBlobs.read(this.store, "models/" + name + "/champion.json");
	}

	private String auto(String name) {
		TestPipelines.write(this.root.resolve("jobs"), name, TestPipelines.synthetic(name, "auto", 0.5));
		return name;
	}

}
