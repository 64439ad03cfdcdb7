package dev.trainyard.pipeline;

/**
 * A metric a trainer reports on the validation split, as gates name it: its name and
 * which way is better. The built-in trainer's metrics are the {@link Metric}s of its
 * objective; a command trainer declares its own ({@link DeclaredMetric}).
 */
public sealed interface ValidationMetric permits Metric, DeclaredMetric {

	/**
	 * The name used in pipeline files, metrics files, summaries and the API.
	 */
	String key();

	boolean higherIsBetter();

	/**
	 * How much worse {@code candidate} is than {@code champion}: positive when worse.
	 */
	default double regression(double candidate, double champion) {
		return higherIsBetter() ? champion - candidate : candidate - champion;
	}

}
