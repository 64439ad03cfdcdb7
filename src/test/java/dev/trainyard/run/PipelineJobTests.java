package dev.trainyard.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.VersionState;
import dev.trainyard.support.Backend;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.OnlyOn;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The pipeline, restart and crash-recovery tests, on every backend (H2 and files;
 * PostgreSQL and S3).
 */
@TrainyardTest
@OnEveryBackend
class PipelineJobTests implements InUseBackend {

	final Path root = TestDirs.root(getClass());

	@Autowired
	Runs runs;

	@Autowired
	ModelRegistry registry;

	@Autowired
	FaultyBlobStore store;

	@Test
	@OnlyOn(Backend.POSTGRES_S3)
	void checkpointsAndModelsLandInTheBucketAndNoBlobInTheDataDir(@Autowired Checkpoints checkpoints)
			throws IOException {
		String name = "in-the-bucket";
		RunView failed = crashedAtRound30(name);
		assertThat(failed.checkpoints()).isNotEmpty()
			.allSatisfy((checkpoint) -> assertThat(checkpoint.location()).startsWith("s3://"));
		assertThat(checkpoints.list(failed.runId())).allSatisfy((checkpoint) -> {
			assertThat(checkpoint.location()).isEqualTo(this.store.location(checkpoint.key()));
			assertThat(this.store.exists(checkpoint.key())).isTrue();
		});

		RunView completed = this.runs.restart(failed.runId(), "tester");
		assertThat(completed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.store.exists("models/" + name + "/champion.json")).isTrue();
		assertThat(this.store.exists("models/" + name + "/1/model.ubj")).isTrue();
		Path data = this.root.resolve("data");
		if (Files.exists(data)) {
			try (Stream<Path> files = Files.walk(data)) {
				assertThat(files.filter(Files::isRegularFile).map(Path::toString))
					.noneMatch((file) -> file.contains("/store/") || file.endsWith(".ubj") || file.endsWith(".json"));
			}
		}
	}

	@Test
	void completedRunTrainsInSegmentsAndPromotesItsModel() {
		String name = pipeline("auto-ok", "auto", 0.8);
		RunView run = this.runs.launch(name, "tester");
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(run.checkpoints()).extracting(RunView.CheckpointView::round).containsExactly(40, 30, 20, 10);
		assertThat(run.progress()).isEqualTo(new RunView.Progress(40, 40));
		assertThat(run.steps()).extracting(RunView.StepView::name)
			.containsExactly("prepare-data", "train", "evaluate", "gate", "promote");
		assertThat(run.metrics()).containsKeys("auc", "logloss", "error", "accuracy");
		assertThat(run.resumedFromRound()).isNull();
		assertThat(this.registry.champion(name)).hasValueSatisfying((champion) -> {
			assertThat(champion.version()).isEqualTo(1);
			assertThat(champion.sha256()).isEqualTo(run.modelSha256());
			assertThat(champion.state()).isEqualTo(VersionState.PROMOTED);
		});
		assertThat(this.registry.history(name)).singleElement()
			.satisfies((change) -> assertThat(change.actor()).isEqualTo("tester"));
	}

	@Test
	void secondRunIsGatedAgainstTheChampionAndBecomesVersionTwo() {
		String name = pipeline("twice", "auto", 0.8);
		RunView first = this.runs.launch(name, "tester");
		RunView second = this.runs.launch(name, "tester");
		assertThat(second.modelVersion()).isEqualTo(2);
		assertThat(second.championVersion()).isEqualTo(1);
		assertThat(second.championMetrics()).isEqualTo(first.metrics());
		assertThat(second.gates()).anySatisfy((gate) -> {
			assertThat(gate.kind()).isEqualTo("max-regression");
			assertThat(gate.championValue()).isEqualTo(first.metrics().get("auc"));
		});
		assertThat(this.registry.champion(name)).hasValueSatisfying((c) -> assertThat(c.version()).isEqualTo(2));
	}

	@Test
	void failsThenRestartCompletesWithTheModelOfAnUninterruptedRun() {
		String name = pipeline("fails-once", "auto", 0.8);
		String reference = this.runs.launch(pipeline("fails-once-ref", "auto", 0.8), "tester").modelSha256();
		this.store.failWrites((key) -> key.contains("/000030-"), 1, new IllegalStateException("disk on fire"));

		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(failed.error()).contains("disk on fire").doesNotContain("\tat ");
		assertThat(failed.checkpoints()).extracting(RunView.CheckpointView::round).containsExactly(20, 10);

		RunView restarted = this.runs.restart(failed.runId(), "tester");
		assertThat(restarted.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(restarted.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(restarted.resumedFromRound()).isEqualTo(20);
		assertThat(restarted.executions()).isEqualTo(2);
		assertThat(restarted.modelSha256()).isEqualTo(reference);
	}

	@Test
	void retriesTransientStoreErrorsWithinTheRun() {
		String name = pipeline("transient", "auto", 0.8);
		this.store.failWrites((key) -> key.contains("/000020-"), 2, new IOException("connection reset"));
		RunView run = this.runs.launch(name, "tester");
		assertThat(run.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(run.executions()).isEqualTo(1);
	}

	@Test
	void corruptCheckpointIsMarkedAndThePreviousOneIsUsed(@Autowired Checkpoints checkpoints) {
		String reference = this.runs.launch(pipeline("corrupt-ref", "auto", 0.8), "tester").modelSha256();
		RunView failed = crashedAtRound30("corrupt");
		CheckpointRef newest = checkpoints.list(failed.runId()).get(0);
		assertThat(newest.round()).isEqualTo(20);
		StoredBlobs.flipAByte(newest.location());

		RunView restarted = this.runs.restart(failed.runId(), "tester");
		assertThat(restarted.resumedFromRound()).isEqualTo(10);
		assertThat(restarted.modelSha256()).isEqualTo(reference);
		assertThat(restarted.checkpoints()).filteredOn(RunView.CheckpointView::corrupt)
			.extracting(RunView.CheckpointView::round)
			.containsExactly(20);
	}

	@Test
	void recoversARunWhoseProcessWasKilled(@Autowired JdbcTemplate jdbc) throws Exception {
		String name = "killed";
		RunView failed = crashedAtRound30(name);
		Process gone = KilledRuns.finishedProcess();
		KilledRuns.leave(jdbc, failed.runId(), "train", gone.pid(),
				gone.info().startInstant().orElse(java.time.Instant.now()));
		assertThat(this.runs.find(failed.runId()).orElseThrow().status()).isEqualTo(RunStatus.STARTED);

		RunView resumed = this.runs.resumeLatest(name, "tester");
		assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(resumed.resumedFromRound()).isEqualTo(20);
	}

	@Test
	void refusesToRecoverARunWhoseProcessIsAlive(@Autowired JdbcTemplate jdbc) {
		String name = "alive";
		RunView failed = crashedAtRound30(name);
		ProcessHandle init = ProcessHandle.of(1).orElseThrow();
		KilledRuns.leave(jdbc, failed.runId(), "train", 1, init.info().startInstant().orElseThrow());

		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.runs.resumeLatest(name, "tester"))
			.withMessageContaining("still running");
	}

	@Test
	void candidateThatFailsAGateIsRejectedAndNotRegistered() {
		String name = pipeline("strict", "auto", 0.9999999);
		RunView run = this.runs.launch(name, "tester");
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(run.modelVersion()).isNull();
		assertThat(run.gates()).anySatisfy((gate) -> {
			assertThat(gate.passed()).isFalse();
			assertThat(gate.kind()).isEqualTo("min");
			assertThat(gate.bound()).isEqualTo(0.9999999);
		});
		assertThat(this.registry.versions(name)).isEmpty();
	}

	@Test
	void manualApprovalStopsTheRunWithTheCandidateAwaitingApproval() {
		String name = pipeline("manual", "manual", 0.8);
		RunView run = this.runs.launch(name, "tester");
		assertThat(run.status()).isEqualTo(RunStatus.STOPPED);
		assertThat(run.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);
		assertThat(this.registry.find(name, run.modelVersion()))
			.hasValueSatisfying((version) -> assertThat(version.state()).isEqualTo(VersionState.AWAITING_APPROVAL));
		assertThat(this.registry.champion(name)).isEmpty();
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.runs.restart(run.runId(), "tester"))
			.withMessageContaining("awaiting approval");
	}

	@Test
	void resumingACompletedRunChangesNothingAndAnswersThatRun() {
		String name = pipeline("done", "auto", 0.8);
		RunView done = this.runs.launch(name, "tester");
		RunView resumed = this.runs.resumeLatest(name, "tester");
		assertThat(resumed.runId()).isEqualTo(done.runId());
		assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(resumed.executions()).isEqualTo(1);
		assertThat(resumed.actions()).extracting(RunView.Action::action).containsExactly(RunAction.LAUNCH);
		assertThatExceptionOfType(RunConflictException.class)
			.isThrownBy(() -> this.runs.restart(done.runId(), "tester"))
			.withMessageContaining("nothing to resume");
	}

	/**
	 * A run of a new pipeline that crashed writing its round-30 checkpoint, leaving those
	 * of rounds 10 and 20.
	 */
	private RunView crashedAtRound30(String name) {
		this.store.crashWritingCheckpoint(30);
		return this.runs.launch(pipeline(name, "auto", 0.8), "tester");
	}

	String pipeline(String name, String approval, double minAuc) {
		TestPipelines.write(this.root.resolve("jobs"), name, TestPipelines.synthetic(name, approval, minAuc));
		return name;
	}

}
