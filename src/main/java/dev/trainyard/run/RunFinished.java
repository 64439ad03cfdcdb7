package dev.trainyard.run;

import java.time.Instant;

import dev.trainyard.failure.FailureKind;

/**
 * A run's job execution ended (it may be restarted later).
 *
 * @param outcome how it ended; {@code null} when it stopped before its end (resumable)
 * @param failureKind how it failed, when it failed
 * @param endedAt when it ended
 * @param restartPending whether a run-level restart of it is due (it failed transiently
 * and has restarts left): it has not failed for good yet
 */
public record RunFinished(String pipeline, String runId, RunStatus status, Outcome outcome, Integer modelVersion,
		FailureKind failureKind, Instant endedAt, boolean restartPending) {
}
