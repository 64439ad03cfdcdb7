package dev.trainyard.training.command;

import java.time.Instant;

/**
 * One line of a trainer's output (without its line break), as it goes to the run's log.
 *
 * @param text at most {@code trainyard.training.command.max-log-line} characters; a
 * longer line is cut and ends with {@code … [N more characters]}
 */
public record LogLine(Instant at, Source source, String text) {

	/** Which output the line came from. */
	public enum Source {

		STDOUT, STDERR

	}

	@Override
	public String toString() {
		return this.text;
	}

}
