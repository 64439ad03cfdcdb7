package dev.trainyard.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.trainyard.validation.GateResult;

/**
 * Everything known about a run: status, outcome, steps, training progress, checkpoints,
 * metrics and the model version it produced.
 *
 * @param status the latest job execution's status ({@code STARTING} before it exists)
 * @param resumedFromRound the checkpoint round the latest execution continued from, or
 * {@code null} when it did not resume from a checkpoint
 * @param error what made the latest execution fail, in one line
 * @param invalidInput whether it failed on bad input (pipeline file or dataset) rather
 * than an error of its own
 */
public record RunView(String runId, String pipeline, String status, String outcome, Integer modelVersion,
		String modelSha256, Map<String, Double> metrics, Integer championVersion, Map<String, Double> championMetrics,
		List<GateResult> gates, Progress progress, Integer resumedFromRound, List<CheckpointView> checkpoints,
		List<StepView> steps, int executions, String launchedBy, Instant createdAt, Instant startedAt, Instant endedAt,
		String error, boolean invalidInput, List<Action> actions) {

	/**
	 * Something a user (or Trainyard) did to the run: launch, restart, stop, approve,
	 * reject, end.
	 */
	public record Action(String action, String actor, String detail, Instant at) {
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
		return "STARTING".equals(this.status) || "STARTED".equals(this.status) || "STOPPING".equals(this.status);
	}

}
