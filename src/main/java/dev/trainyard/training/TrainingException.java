package dev.trainyard.training;

/**
 * Training itself failed (XGBoost rejected the data or parameters). Not transient: a
 * retry would fail the same way.
 */
public class TrainingException extends RuntimeException {

	public TrainingException(String message) {
		super(message);
	}

	public TrainingException(String message, Throwable cause) {
		super(message, cause);
	}

}
