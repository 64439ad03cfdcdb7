package dev.trainyard.pipeline;

import java.util.regex.Pattern;

/**
 * A metric a command trainer declares in {@code trainer.metrics}: its name
 * ({@code [A-Za-z0-9_.-]+}) and its goal.
 *
 * @param key the declared name, as the trainer writes it in its metrics file
 * @param goal whether higher ({@code max}) or lower ({@code min}) is better
 */
public record DeclaredMetric(String key, Goal goal) implements ValidationMetric {

	static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

	/** Which way is better: {@code max} or {@code min}. */
	public enum Goal {

		MAX, MIN

	}

	@Override
	public boolean higherIsBetter() {
		return this.goal == Goal.MAX;
	}

	@Override
	public String toString() {
		return this.key;
	}

}
