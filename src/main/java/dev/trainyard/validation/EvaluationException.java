package dev.trainyard.validation;

/**
 * A model could not be evaluated.
 */
public class EvaluationException extends RuntimeException {

	public EvaluationException(String message) {
		super(message);
	}

	public EvaluationException(String message, Throwable cause) {
		super(message, cause);
	}

}
