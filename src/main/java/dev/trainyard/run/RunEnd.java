package dev.trainyard.run;

import java.time.Duration;

import dev.trainyard.failure.FailureKind;

/**
 * How a run's execution ended, as its job listener derives it from the steps.
 *
 * @param outcome {@code null} when the run stopped before the end (resumable)
 * @param modelVersion the version the run registered, if any
 * @param failureKind how it failed, when it failed
 * @param failureReason a name for why, when there is one ({@code TIMED_OUT})
 * @param error what made it fail, in one line, when it failed
 * @param waitBeforeRetry the least a transient failure asks to wait before the run is
 * tried again (an open circuit breaker), else zero
 */
record RunEnd(RunStatus state, Outcome outcome, Integer modelVersion, FailureKind failureKind, String failureReason,
		String error, Duration waitBeforeRetry) {

	/** An end without a failure. */
	RunEnd(RunStatus state, Outcome outcome, Integer modelVersion) {
		this(state, outcome, modelVersion, null, null, null, Duration.ZERO);
	}

}
