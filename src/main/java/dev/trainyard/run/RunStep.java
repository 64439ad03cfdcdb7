package dev.trainyard.run;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps of a pipeline's job, by the names a restart uses to find them.
 */
public enum RunStep {

	/** Reads, checks, fingerprints and splits the dataset. */
	PREPARE_DATA("prepare-data"),
	/** Trains, one checkpoint per segment. */
	TRAIN("train"),
	/** The candidate's metrics, and the champion's on the same rows. */
	EVALUATE("evaluate"),
	/** Checks the gates, registers the candidate, asks for approval when needed. */
	GATE("gate"),
	/** Makes the approved candidate the champion. */
	PROMOTE("promote");

	private final String stepName;

	RunStep(String stepName) {
		this.stepName = stepName;
	}

	/** The Spring Batch step name. */
	public String stepName() {
		return this.stepName;
	}

	public static Optional<RunStep> of(String stepName) {
		return Arrays.stream(values()).filter((step) -> step.stepName.equals(stepName)).findFirst();
	}

	@Override
	public String toString() {
		return this.stepName;
	}

}
