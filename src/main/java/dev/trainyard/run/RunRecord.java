package dev.trainyard.run;

import java.time.Instant;

import dev.trainyard.failure.FailureKind;

/**
 * Trainyard's row for a run (one Spring Batch job instance of a pipeline): what it is,
 * where it is, and who executes it right now.
 *
 * @param state the run's status, as Trainyard shows and lists it
 * @param step the step it is in, or ended in ({@code null} before the first)
 * @param executionId its latest job execution ({@code null} before the first)
 * @param owner the process that executes it now ({@code null}: nobody)
 * @param ownerToken how often the run was claimed: the fencing token of its owner
 * @param stopRequestedBy who asked the run to stop ({@code null}: nobody, or it stopped)
 * @param failureKind how its latest execution failed ({@code null} unless it failed)
 * @param failureReason why, when there is a name for it ({@code TIMED_OUT})
 * @param restarts run-level restarts since the last restart a user asked for
 * @param nextAttemptAt when its next run-level restart is due ({@code null}: none
 * pending)
 * @param queuedAt when it joined the queue of runs waiting for a slot
 */
record RunRecord(String runId, String pipeline, Long jobInstanceId, String definitionSource, String definitionText,
		RunStatus state, RunStep step, Long executionId, Outcome outcome, Integer modelVersion, String launchedBy,
		Instant createdAt, Instant endedAt, ProcessOwner owner, long ownerToken, Instant heartbeatAt,
		String stopRequestedBy, FailureKind failureKind, String failureReason, int restarts, Instant nextAttemptAt,
		Instant queuedAt, String error) {

	boolean isOwned() {
		return this.owner != null;
	}

}
