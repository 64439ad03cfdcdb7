package dev.trainyard.run;

/**
 * The run is in a state that does not allow what was asked (restarting a live run,
 * resuming a completed one).
 */
public class RunConflictException extends RuntimeException {

	public RunConflictException(String message) {
		super(message);
	}

}
