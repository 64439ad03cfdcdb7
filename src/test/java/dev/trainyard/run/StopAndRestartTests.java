package dev.trainyard.run;

import java.time.Duration;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Stops in the server (runs on their own threads), with the run caught at a chosen moment
 * (a write held in the store): a restart is refused while the owner still trains,
 * whatever Spring Batch's status says; a stop that comes too late changes nothing.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "trainyard.scheduling.enabled=false")
class StopAndRestartTests {

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	ModelRegistry registry;

	@Autowired
	MeterRegistry meters;

	@Test
	void restartRightAfterAStopIsRefusedWhileTheOwnerTrainsAndTheRunEndsWithTheUninterruptedModel() {
		String reference = awaitEnd(this.runs.launch(pipeline("stop-ref", "auto"), "tester").runId(), 1).modelSha256();
		FaultyBlobStore.Hold inSegment = this.store.holdNextWrite((key) -> key.contains("/000020-"));
		String runId = this.runs.launch(pipeline("stop-restart", "auto"), "tester").runId();
		inSegment.awaitReached();

		assertThat(this.runs.stop(runId, "olivia").status()).isEqualTo(RunStatus.STOPPING);
		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.runs.restart(runId, "olivia"))
			.withMessageContaining("still running");
		inSegment.release();

		RunView stopped = awaitEnd(runId, 1);
		assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
		assertThat(stopped.outcome()).isNull();
		assertThat(stopped.progress().round()).isEqualTo(20);
		this.runs.restart(runId, "olivia");
		RunView done = awaitEnd(runId, 2);
		assertThat(done.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(done.resumedFromRound()).isEqualTo(20);
		assertThat(done.modelSha256()).isEqualTo(reference);
		assertThat(done.actions()).extracting(RunView.Action::action)
			.containsExactly(RunAction.LAUNCH, RunAction.STOP, RunAction.RESTART);
	}

	@Test
	void aStopThatLosesTheRaceWithCompletionChangesNothing() {
		RunView done = awaitEnd(this.runs.launch(pipeline("too-late", "auto"), "tester").runId(), 1);
		assertThat(done.outcome()).isEqualTo(Outcome.PROMOTED);

		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.runs.stop(done.runId(), "olivia"))
			.withMessageContaining("COMPLETED");

		RunView after = this.runs.find(done.runId()).orElseThrow();
		assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(after.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(after.steps()).allSatisfy((step) -> assertThat(step.status()).isEqualTo("COMPLETED"));
		assertThat(this.runs.resumeLatest("too-late", "olivia").executions()).isEqualTo(1);
		assertThat(this.runs.list("too-late", "PROMOTED", 10)).extracting(RunView::runId).containsExactly(done.runId());
	}

	@Test
	void aStopDuringPromotionIsRefusedAndTheRunEndsPromoted() {
		FaultyBlobStore.Hold inPromotion = this.store.holdNextWrite((key) -> key.endsWith("/champion.json"));
		String runId = this.runs.launch(pipeline("promoting", "auto"), "tester").runId();
		inPromotion.awaitReached();

		assertThatExceptionOfType(RunConflictException.class).isThrownBy(() -> this.runs.stop(runId, "olivia"))
			.withMessageContaining("promoting");
		inPromotion.release();

		RunView done = awaitEnd(runId, 1);
		assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(done.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.registry.champion("promoting"))
			.hasValueSatisfying((champion) -> assertThat(champion.version()).isEqualTo(done.modelVersion()));
		assertThat(this.meters.counter("trainyard.runs", "pipeline", "promoting", "outcome", "PROMOTED").count())
			.isEqualTo(1);
		assertThat(this.meters.find("trainyard.runs").tag("pipeline", "promoting").tag("outcome", "FAILED").counter())
			.isNull();
	}

	@Test
	void aStopAskedForBetweenTheGateAndPromotionStopsTheRunBeforeItPromotes() {
		FaultyBlobStore.Hold inGate = this.store.holdNextWrite((key) -> key.endsWith("/1/model.ubj"));
		String runId = this.runs.launch(pipeline("before-promotion", "auto"), "tester").runId();
		inGate.awaitReached();

		this.runs.stop(runId, "olivia");
		inGate.release();

		RunView stopped = awaitEnd(runId, 1);
		assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
		assertThat(this.registry.champion("before-promotion")).isEmpty();
		this.runs.restart(runId, "olivia");
		RunView done = awaitEnd(runId, 2);
		assertThat(done.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.registry.history("before-promotion")).hasSize(1);
	}

	/** The run once its {@code executions}-th execution ended. */
	private RunView awaitEnd(String runId, int executions) {
		return await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.runs.find(runId).orElseThrow(),
					(view) -> !view.isRunning() && view.executions() == executions && view.endedAt() != null);
	}

	private String pipeline(String name, String approval) {
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, approval, 0.8));
		return name;
	}

}
