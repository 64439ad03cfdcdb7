package dev.trainyard.dataset;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.trainyard.pipeline.Objective;

/**
 * A parsed {@code synthetic:} dataset path:
 * {@code synthetic:classification?rows=N&features=F&seed=S[&classes=K]} or
 * {@code synthetic:regression?rows=N&features=F&seed=S}.
 */
record SyntheticSpec(boolean classification, int rows, int features, long seed, int classes) {

	static final String PREFIX = "synthetic:";

	static final String LABEL = "label";

	private static final long MAX_CELLS = Integer.MAX_VALUE - 8L;

	private static final String EXAMPLE = "e.g. synthetic:classification?rows=1000&features=10&seed=1";

	static boolean matches(String path) {
		return path.startsWith(PREFIX);
	}

	static SyntheticSpec parse(String path) {
		String rest = path.substring(PREFIX.length());
		int query = rest.indexOf('?');
		String kind = (query >= 0) ? rest.substring(0, query) : rest;
		boolean classification = "classification".equals(kind);
		if (!classification && !"regression".equals(kind)) {
			throw error(path, "unknown synthetic kind '" + kind + "'; use classification or regression, " + EXAMPLE);
		}
		Map<String, String> params = params(path, (query >= 0) ? rest.substring(query + 1) : "", classification);
		for (String required : List.of("rows", "features", "seed")) {
			if (!params.containsKey(required)) {
				throw error(path,
						"missing parameter '" + required + "'; rows, features and seed are required, " + EXAMPLE);
			}
		}
		int rows = (int) number(path, params, "rows", 1, Integer.MAX_VALUE);
		int features = (int) number(path, params, "features", 1, Integer.MAX_VALUE);
		long seed = number(path, params, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
		int classes = classification ? (int) number(path, params, "classes", 2, 1000) : 0;
		if ((long) rows * (features + 1) > MAX_CELLS) {
			throw error(path, rows + " rows x " + features + " features is too large");
		}
		return new SyntheticSpec(classification, rows, features, seed, classes);
	}

	private static Map<String, String> params(String path, String query, boolean classification) {
		List<String> allowed = classification ? List.of("rows", "features", "seed", "classes")
				: List.of("rows", "features", "seed");
		Map<String, String> params = new HashMap<>();
		if (classification) {
			params.put("classes", "2");
		}
		Set<String> given = new HashSet<>();
		for (String pair : query.isEmpty() ? new String[0] : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			if (!allowed.contains(name)) {
				throw error(path, "unknown parameter '" + name + "'; allowed: " + String.join(", ", allowed));
			}
			if (!given.add(name)) {
				throw error(path, "parameter '" + name + "' is given twice");
			}
			params.put(name, (equals >= 0) ? pair.substring(equals + 1) : "");
		}
		return params;
	}

	private static long number(String path, Map<String, String> params, String name, long min, long max) {
		String value = params.get(name);
		try {
			long number = Long.parseLong(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		String range = (min == Long.MIN_VALUE) ? "an integer" : "an integer from " + min + " to " + max;
		throw error(path, "parameter '" + name + "' must be " + range + ", got '" + value + "'");
	}

	/**
	 * Checks that the objective (when there is one) and label column fit this synthetic
	 * dataset.
	 */
	void check(String path, Objective objective, String label) {
		if (!LABEL.equals(label)) {
			throw error(path, "label column '" + label + "' not found; synthetic data has the columns f0..f"
					+ (this.features - 1) + " and '" + LABEL + "'");
		}
		if (objective == null) {
			return;
		}
		Objective.Task task = objective.task();
		if (!this.classification && task != Objective.Task.REGRESSION) {
			throw error(path, "synthetic:regression needs a regression objective, not " + objective);
		}
		if (this.classification && task == Objective.Task.REGRESSION) {
			throw error(path, "synthetic:classification needs a classification objective, not " + objective);
		}
		if (task == Objective.Task.BINARY && this.classes != 2) {
			throw error(path, "classes=" + this.classes + " needs multi:softprob; " + objective + " takes classes=2");
		}
	}

	int numClasses() {
		return this.classes;
	}

	private static InvalidDatasetException error(String path, String problem) {
		return new InvalidDatasetException(path, null, problem);
	}

}
