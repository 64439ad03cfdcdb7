package dev.trainyard.run;

import dev.trainyard.failure.FailureKind;

/**
 * How a run's execution ended, as its job listener derives it from the steps.
 *
 * @param outcome {@code null} when the run stopped before the end (resumable)
 * @param modelVersion the version the run registered, if any
 * @param failureKind how it failed, when it failed
 * @param failureReason a name for why, when there is one ({@code TIMED_OUT})
 */
record RunEnd(RunStatus state, Outcome outcome, Integer modelVersion, FailureKind failureKind, String failureReason) {
}
