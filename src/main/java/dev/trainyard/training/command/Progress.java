package dev.trainyard.training.command;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stdout line {@code trainyard:progress step=N total=M} (CONTRACT §7).
 */
record Progress(int step, int total) {

	static final String PREFIX = "trainyard:progress";

	private static final Pattern LINE = Pattern.compile("trainyard:progress step=(\\d{1,9}) total=(\\d{1,9})\\s*");

	/** The progress a line reports, or {@code null} when it is not a progress line. */
	static Progress parse(String line) {
		Matcher matcher = LINE.matcher(line);
		if (!matcher.matches()) {
			return null;
		}
		int total = Integer.parseInt(matcher.group(2));
		return (total > 0) ? new Progress(Integer.parseInt(matcher.group(1)), total) : null;
	}

}
