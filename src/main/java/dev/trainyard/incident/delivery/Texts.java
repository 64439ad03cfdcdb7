package dev.trainyard.incident.delivery;

import java.time.Instant;

/**
 * Small text helpers of the formats.
 */
final class Texts {

	private Texts() {
	}

	static String instant(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	static String limit(String text, int max) {
		if (text == null) {
			return "";
		}
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	/** {@code TRAINING_FAILURE} → {@code TrainingFailure}. */
	static String camel(String constant) {
		StringBuilder camel = new StringBuilder();
		for (String part : constant.toLowerCase().split("_")) {
			if (!part.isEmpty()) {
				camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return camel.toString();
	}

}
