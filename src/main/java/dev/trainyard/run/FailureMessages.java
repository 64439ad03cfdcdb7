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

}
