package dev.trainyard.failure;

/**
 * What kind of failure an error is, which decides whether anything retries it.
 */
public enum FailureKind {

	/**
	 * The world may be different in a moment: an I/O error, an unreachable or throttling
	 * store, a lost database connection, a serialization failure, a 429 or 5xx from a
	 * remote service, a trainer that exited 75. Retried with backoff.
	 */
	TRANSIENT,

	/**
	 * Bad input: a broken pipeline file, a dataset that cannot be read as one, a dataset
	 * that changed under a resumed run. Never retried; the user must fix the input.
	 */
	INVALID_INPUT,

	/**
	 * Anything else: a programming error, a trainer that rejected its parameters, a
	 * refused credential, a corrupt artifact. Never retried.
	 */
	FATAL;

	public boolean isTransient() {
		return this == TRANSIENT;
	}

}
