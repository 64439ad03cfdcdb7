package dev.trainyard.failure;

import java.time.Duration;

/**
 * An exception that knows its own kind of failure (bad input, a transient condition):
 * {@link Failures#classify} takes its word for it.
 */
public interface Classified {

	FailureKind failureKind();

	/**
	 * How long trying again is pointless, at least, for a transient failure that says so
	 * (a circuit breaker that is open fails every call for a while): a retry in place
	 * would only burn an attempt, so the caller waits this long instead. {@code null}
	 * when an ordinary backoff will do.
	 */
	default Duration waitBeforeRetry() {
		return null;
	}

}
