package dev.trainyard.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated dataset:
 * {@code synthetic:classification?rows=N&features=N[&seed=N][&classes=K]} or
 * {@code synthetic:regression?rows=N&features=N[&seed=N]}.
 *
 * @param kind {@code classification} or {@code regression}
 * @param rows how many rows, at least 1
 * @param features how many feature columns, at least 1
 * @param seed the random seed, or {@code null} when not given
 * @param classes how many classes (classification only, at least 2), or {@code null}
 */
record SyntheticSource(String kind, int rows, int features, Long seed, Integer classes) {

	static final String PREFIX = "synthetic:";

	static final String CLASSIFICATION = "classification";

	static final String REGRESSION = "regression";

	private static final String FORMAT = "expected synthetic:classification?rows=N&features=N[&seed=N][&classes=K]"
			+ " or synthetic:regression?rows=N&features=N[&seed=N]";

	static boolean isSynthetic(String path) {
		return path.startsWith(PREFIX);
	}

	boolean classification() {
		return CLASSIFICATION.equals(this.kind);
	}

	/**
	 * Parses a {@code synthetic:} path.
	 * @throws IllegalArgumentException with a message saying what is malformed
	 */
	static SyntheticSource parse(String path) {
		String rest = path.substring(PREFIX.length());
		int query = rest.indexOf('?');
		String kind = (query < 0) ? rest : rest.substring(0, query);
		if (!CLASSIFICATION.equals(kind) && !REGRESSION.equals(kind)) {
			throw malformed(path, "unknown kind '" + kind + "'");
		}
		Map<String, String> params = params(path, (query < 0) ? "" : rest.substring(query + 1));
		List<String> allowed = CLASSIFICATION.equals(kind) ? List.of("rows", "features", "seed", "classes")
				: List.of("rows", "features", "seed");
		for (String key : params.keySet()) {
			if (!allowed.contains(key)) {
				throw malformed(path, "unknown parameter '" + key + "'");
			}
		}
		int rows = number(path, params, "rows", 1, true).intValue();
		int features = number(path, params, "features", 1, true).intValue();
		Long seed = number(path, params, "seed", Long.MIN_VALUE, false);
		Long classes = number(path, params, "classes", 2, false);
		return new SyntheticSource(kind, rows, features, seed, (classes != null) ? classes.intValue() : null);
	}

	private static Map<String, String> params(String path, String query) {
		Map<String, String> params = new LinkedHashMap<>();
		if (query.isEmpty()) {
			return params;
		}
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw malformed(path, "'" + pair + "' is not name=value");
			}
			if (params.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
				throw malformed(path, "parameter '" + pair.substring(0, equals) + "' given twice");
			}
		}
		return params;
	}

	private static Long number(String path, Map<String, String> params, String key, long min, boolean required) {
		String text = params.get(key);
		if (text == null) {
			if (required) {
				throw malformed(path, "'" + key + "' is required");
			}
			return null;
		}
		long value;
		try {
			value = (min == Long.MIN_VALUE) ? Long.parseLong(text) : Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw malformed(path, "'" + key + "' must be an integer, got '" + text + "'");
		}
		if (value < min) {
			throw malformed(path, "'" + key + "' must be at least " + min + ", got " + value);
		}
		return value;
	}

	private static IllegalArgumentException malformed(String path, String reason) {
		return new IllegalArgumentException(
				"malformed synthetic source '" + path + "': " + reason + " (" + FORMAT + ")");
	}

}
