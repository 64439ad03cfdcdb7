package dev.trainyard.run;

/**
 * How a run ended, as the CLI summary and the API report it.
 */
public enum Outcome {

	PROMOTED, AWAITING_APPROVAL, REJECTED, FAILED

}
