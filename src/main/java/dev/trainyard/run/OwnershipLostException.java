package dev.trainyard.run;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * Another process took the run over (this one was taken for dead): this execution writes
 * nothing more to it.
 */
class OwnershipLostException extends RuntimeException implements Classified {

	OwnershipLostException(String runId) {
		super("run " + runId + " is held by another process now; this process stopped working on it");
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.FATAL;
	}

}
