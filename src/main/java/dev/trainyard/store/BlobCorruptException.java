package dev.trainyard.store;

import java.io.IOException;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * A blob's bytes do not match the SHA-256 recorded with it when it was written. Thrown by
 * the stream {@link BlobStore#open(String)} returns once it reaches the end.
 */
public class BlobCorruptException extends IOException implements Classified {

	public BlobCorruptException(String message) {
		super(message);
	}

	/** Never retried: reading or writing it again gives the same bytes. */
	@Override
	public FailureKind failureKind() {
		return FailureKind.FATAL;
	}

}
