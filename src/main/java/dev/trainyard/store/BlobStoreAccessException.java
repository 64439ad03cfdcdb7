package dev.trainyard.store;

/**
 * The store refused a request and will refuse it again: wrong or missing credentials, no
 * permission, a bucket that does not exist, a request it rejects. Deliberately not an
 * {@link java.io.IOException}: retrying does not help, so a run fails at once with this
 * message instead of spending its retries.
 */
public class BlobStoreAccessException extends RuntimeException {

	public BlobStoreAccessException(String message, Throwable cause) {
		super(message, cause);
	}

}
