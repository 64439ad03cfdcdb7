package dev.trainyard.checkpoint;

/**
 * A checkpoint's bytes do not match what was recorded when it was written.
 */
public class CheckpointCorruptException extends RuntimeException {

	public CheckpointCorruptException(String message) {
		super(message);
	}

}
