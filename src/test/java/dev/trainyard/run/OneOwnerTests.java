package dev.trainyard.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One owner per run at a time: a claim is a compare-and-set on the run's owner token, so
 * of two actors that both found a run free, only one starts an execution.
 */
@TrainyardTest
@OnEveryBackend
class OneOwnerTests {

	@Autowired
	Runs runs;

	@Autowired
	RunRepository repository;

	@Autowired
	RunLauncher launcher;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void ofTwoResumesThatBothFoundTheKilledRunFreeOnlyOneStartsAnExecution() throws Exception {
		String runId = killed("both-found-it-free");
		RunRecord first = this.repository.find(runId).orElseThrow();
		RunRecord second = this.repository.find(runId).orElseThrow();

		this.launcher.restart(first, RunAction.RESTART, "first", false);
		assertThatExceptionOfType(RunConflictException.class)
			.isThrownBy(() -> this.launcher.restart(second, RunAction.RESTART, "second", false))
			.withMessageContaining("taken over");

		RunView run = this.runs.find(runId).orElseThrow();
		assertThat(run.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(run.executions()).isEqualTo(2);
		assertThat(run.actions()).extracting(RunView.Action::actor).doesNotContain("second");
	}

	@Test
	void twoResumesAtOnceTrainTheRunOnce() throws Exception {
		String runId = killed("two-at-once");
		CyclicBarrier together = new CyclicBarrier(2);
		List<CompletableFuture<String>> resumes = new ArrayList<>();
		for (String who : List.of("first", "second")) {
			resumes.add(CompletableFuture.supplyAsync(() -> {
				try {
					together.await();
					return this.runs.resumeLatest("two-at-once", who).outcome().name();
				}
				catch (RunConflictException ex) {
					return "refused";
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		List<String> answers = resumes.stream().map(CompletableFuture::join).toList();

		assertThat(answers).contains("PROMOTED");
		RunView run = this.runs.find(runId).orElseThrow();
		assertThat(run.executions()).isEqualTo(2);
		assertThat(run.actions()).filteredOn((action) -> action.action() == RunAction.RESTART).hasSize(1);
	}

	@Test
	void aProcessThatLostItsRunWritesNoCheckpointToIt() {
		String name = pipeline("lost-run");
		FaultyBlobStore.Hold inSegment = this.store.holdNextWrite((key) -> key.contains("/000020-"));
		CompletableFuture<RunView> owner = CompletableFuture.supplyAsync(() -> this.runs.launch(name, "owner"));
		inSegment.awaitReached();
		String runId = this.runs.list(name, null, 1).get(0).runId();
		this.jdbc.update(
				"UPDATE TY_RUN SET OWNER_ID = 'another-host/1/x', OWNER_TOKEN = OWNER_TOKEN + 1" + " WHERE RUN_ID = ?",
				runId);
		inSegment.release();

		owner.join();
		assertThat(this.runs.find(runId).orElseThrow().checkpoints()).extracting(RunView.CheckpointView::round)
			.containsExactly(10);
		assertThat(this.repository.find(runId).orElseThrow().owner().id()).isEqualTo("another-host/1/x");
	}

	private String killed(String name) throws Exception {
		pipeline(name);
		this.store.crashWritingCheckpoint(30);
		RunView failed = this.runs.launch(name, "tester");
		this.store.heal();
		KilledRuns.leave(this.jdbc, failed.runId(), "train", KilledRuns.finishedProcess().pid(), Instant.now());
		return failed.runId();
	}

	private String pipeline(String name) {
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.8));
		return name;
	}

}
