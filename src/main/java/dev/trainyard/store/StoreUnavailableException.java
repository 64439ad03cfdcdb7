package dev.trainyard.store;

import java.io.IOException;
import java.time.Duration;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * The store's circuit breaker is open: so many recent calls failed that this one was not
 * even tried. Transient, but not worth retrying before the breaker lets a trial call
 * through ({@link #waitBeforeRetry()}).
 */
public class StoreUnavailableException extends IOException implements Classified {

	private final Duration wait;

	StoreUnavailableException(String operation, float failureRate, Duration wait, Throwable cause) {
		super("the checkpoint and artifact store is failing: " + operation + " was not tried because the store's "
				+ "circuit breaker is open (" + Math.round(failureRate) + "% of its recent calls failed); "
				+ "calls fail fast for up to " + wait + ", then a trial call is let through", cause);
		this.wait = wait;
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.TRANSIENT;
	}

	@Override
	public Duration waitBeforeRetry() {
		return this.wait;
	}

}
