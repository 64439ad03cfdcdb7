package dev.trainyard.run;

import java.time.Duration;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * Training took longer than the pipeline's {@code trainer.timeout}. The run fails with
 * reason {@value #REASON}; its checkpoints stay, and a restart continues from the newest
 * one (with a new {@code timeout} to spend).
 */
class RunTimedOutException extends RuntimeException implements Classified {

	static final String REASON = "TIMED_OUT";

	RunTimedOutException(String runId, Duration timeout, int round) {
		super(REASON + ": training of run " + runId + " took longer than trainer.timeout (" + timeout
				+ "); stopped at round " + round + ", its checkpoints are kept and a restart continues from them");
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.FATAL;
	}

}
