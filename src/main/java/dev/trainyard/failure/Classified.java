package dev.trainyard.failure;

/**
 * An exception that knows its own kind of failure (bad input, a transient condition):
 * {@link Failures#classify} takes its word for it.
 */
public interface Classified {

	FailureKind failureKind();

}
