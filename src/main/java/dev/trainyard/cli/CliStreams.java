package dev.trainyard.cli;

import java.io.PrintStream;

/**
 * The process's real stdout and stderr. In CLI mode {@code System.out} is pointed at
 * stderr before Spring starts, so logs never mix with the JSON summary on stdout.
 */
public record CliStreams(PrintStream out, PrintStream err) {

	private static CliStreams current = new CliStreams(System.out, System.err);

	/**
	 * Keeps the real stdout for the summary and sends everything else written to
	 * {@code System.out} (logs, banners) to stderr.
	 */
	public static synchronized CliStreams redirect() {
		current = new CliStreams(System.out, System.err);
		System.setOut(System.err);
		return current;
	}

	public static synchronized CliStreams current() {
		return current;
	}

	/**
	 * Uses the given streams for the next command (tests).
	 */
	public static synchronized CliStreams use(CliStreams streams) {
		current = streams;
		return streams;
	}

}
