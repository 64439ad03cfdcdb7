package dev.trainyard.pipeline;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads a positive duration the way Spring Boot reads duration properties ({@code 30s},
 * {@code 5m}, {@code 7d}, ISO-8601 {@code PT1M}).
 */
final class DurationField {

	private DurationField() {
	}

	static Duration read(YamlMap map, String key) {
		String text = map.string(key);
		if (text == null) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			map.problem(key, "'" + text + "' is not a duration (e.g. 30s, 5m, 7d, PT1M)");
			return null;
		}
		if (duration.isNegative() || duration.isZero()) {
			map.problem(key, "must be positive, got '" + text + "'");
			return null;
		}
		return duration;
	}

	/** How the file wrote a duration, for messages. */
	static String text(YamlMap map, String key, Duration fallback) {
		String text = (map != null && map.node(key) != null) ? map.string(key) : null;
		return (text != null) ? text : format(fallback);
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		long[] sizes = { 86_400_000, 3_600_000, 60_000, 1000 };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis % sizes[i] == 0) {
				return (millis / sizes[i]) + units[i];
			}
		}
		return millis + "ms";
	}

}
