package dev.trainyard.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.validation.GateResult;

/**
 * Everything known about a run: status, outcome, steps, training progress, checkpoints,
 * metrics and the model version it produced.
 *
 * @param status the run's status
 * @param outcome how it ended; {@code null} while it runs, and when it stopped before its
 * end (resumable)
 * @param step the step it is in, or ended in
 * @param resumedFromRound the checkpoint round the latest execution continued from, or
 * {@code null} when it did not resume from a checkpoint
 * @param error what made the latest execution fail, in one line
 * @param failureKind how it failed: {@code TRANSIENT}, {@code INVALID_INPUT} or
 * {@code FATAL} ({@code null} unless it failed)
 * @param failureReason a name for why, when there is one: {@code TIMED_OUT},
 * {@code OWNER_DIED}
 * @param invalidInput whether it failed on bad input (pipeline file or dataset) rather
 * than an error of its own
 * @param restarts run-level restarts since the last restart a user asked for (each one's
 * reason is in {@code actions})
 * @param nextAttemptAt when its next run-level restart is due ({@code null}: none)
 * @param queuedAt when it joined the queue, while it waits there
 * @param approvalReason why it awaits approval although its pipeline promotes
 * automatically (the error-budget policy asked for it), or {@code null}
 */
public record RunView(String runId, String pipeline, RunStatus status, Outcome outcome, RunStep step,
		Integer modelVersion, String modelSha256, Map<String, Double> metrics, Integer championVersion,
		Map<String, Double> championMetrics, List<GateResult> gates, Progress progress, Integer resumedFromRound,
		List<CheckpointView> checkpoints, List<StepView> steps, int executions, String launchedBy, Instant createdAt,
		Instant startedAt, Instant endedAt, String error, FailureKind failureKind, String failureReason,
		boolean invalidInput, int restarts, Instant nextAttemptAt, Instant queuedAt, List<Action> actions,
		String approvalReason) {

	/**
	 * Something a user (or Trainyard) did to the run: launch, restart, stop, approve,
	 * end, recover.
	 */
	public record Action(RunAction action, String actor, String detail, Instant at) {
	}

	/** Boosting rounds done out of the pipeline's total. */
	public record Progress(int round, int rounds) {
	}

	/** A checkpoint of the run; {@code deleted}: retention removed its blob. */
	public record CheckpointView(int round, String sha256, long size, String location, Instant createdAt,
			boolean corrupt, boolean deleted) {
	}

	/** The latest execution of each step. */
	public record StepView(String name, String status, String exitCode, Instant startedAt, Instant endedAt) {
	}

	public boolean isRunning() {
		return this.status.isRunning();
	}

}
