package dev.trainyard.deployment;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names in a PromQL expression (of an alert rule or a Grafana panel). Not a
 * parser: strips what is not a metric name (strings, label matchers, ranges, label lists
 * of {@code by}/{@code on}…, Grafana variables, numbers and durations) and keeps the
 * identifiers that are neither keywords nor followed by {@code (} (functions and
 * aggregations).
 */
final class PromQl {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,()]*?)\\s*,\\s*\\w+\\s*\\)");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?\\w+}?");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern LABEL_LIST = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][\\w:]*");

	private static final Pattern CALL = Pattern.compile("\\s*\\(");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan");

	private PromQl() {
	}

	static Set<String> metricNames(String expression) {
		String stripped = LABEL_VALUES.matcher(expression).replaceAll(" $1 ");
		stripped = STRING.matcher(stripped).replaceAll(" ");
		stripped = GRAFANA_VARIABLE.matcher(stripped).replaceAll(" ");
		stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group();
			boolean call = CALL.matcher(stripped).region(identifier.end(), stripped.length()).lookingAt();
			if (!call && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
