package dev.trainyard.run;

/**
 * Turns Spring Batch's exit descriptions (which hold whole stack traces) into the one
 * line a user needs.
 */
final class FailureMessages {

	private FailureMessages() {
	}

	static String firstLine(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String line = description.lines().findFirst().orElse("").trim();
		int colon = line.indexOf(": ");
		if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
			line = line.substring(colon + 2);
		}
		return line;
	}

	/**
	 * Whether a failure was caused by bad input: a broken pipeline file, dataset, or a
	 * dataset that changed under a resumed run.
	 */
	static boolean isInvalidInput(String description) {
		if (description == null) {
			return false;
		}
		String first = description.lines().findFirst().orElse("");
		return first.startsWith("dev.trainyard.dataset.InvalidDatasetException")
				|| first.startsWith("dev.trainyard.pipeline.InvalidPipelineException")
				|| first.startsWith(DatasetChangedException.class.getName());
	}

}
