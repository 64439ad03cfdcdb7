package dev.trainyard.store;

import java.io.IOException;

/**
 * A blob's bytes do not match the SHA-256 recorded with it when it was written. Thrown by
 * the stream {@link BlobStore#open(String)} returns once it reaches the end.
 */
public class BlobCorruptException extends IOException {

	public BlobCorruptException(String message) {
		super(message);
	}

}
