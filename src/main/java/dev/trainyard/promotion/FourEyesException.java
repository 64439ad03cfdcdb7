package dev.trainyard.promotion;

/**
 * The pipeline requires a different approver than the user who launched the run.
 */
public class FourEyesException extends RuntimeException {

	public FourEyesException(String message) {
		super(message);
	}

}
