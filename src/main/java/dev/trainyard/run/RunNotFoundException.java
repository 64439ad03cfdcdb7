package dev.trainyard.run;

/**
 * No run has the id that was asked for.
 */
public class RunNotFoundException extends RuntimeException {

	public RunNotFoundException(String message) {
		super(message);
	}

}
