package dev.trainyard.validation;

/**
 * How a candidate fared against one gate.
 *
 * @param kind {@code min}, {@code max} or {@code max-regression}
 * @param bound the gate's bound
 * @param value the candidate's value of the metric
 * @param championValue the champion's value, when there is a champion
 * @param reason why it passed or failed, in words
 */
public record GateResult(String metric, String kind, double bound, double value, Double championValue, boolean passed,
		String reason) {
}
