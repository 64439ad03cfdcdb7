package dev.trainyard.run;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * A restarted run found different data than it started with; continuing would mix two
 * datasets in one model.
 */
class DatasetChangedException extends RuntimeException implements Classified {

	DatasetChangedException(String source, String expected, String actual) {
		super("the dataset " + source + " changed since the run started (SHA-256 " + expected + ", now " + actual
				+ "); start a new run instead of resuming this one");
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.INVALID_INPUT;
	}

}
