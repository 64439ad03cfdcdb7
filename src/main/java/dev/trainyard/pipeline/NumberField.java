package dev.trainyard.pipeline;

import java.util.function.Function;

import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a number from a YAML scalar, recording a problem when it is not one.
 */
final class NumberField {

	private NumberField() {
	}

	/**
	 * @param kind what is expected, for the message ("an integer")
	 * @param parser turns the text into the value; {@code null} or a
	 * {@link NumberFormatException} means the text is not acceptable
	 */
	static <T> T read(YamlMap map, String key, String kind, Function<String, T> parser) {
		ScalarNode scalar = map.scalar(key, kind);
		if (scalar == null) {
			return null;
		}
		T value = null;
		try {
			value = parser.apply(scalar.getValue().trim());
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		if (value == null) {
			map.problem(key, "must be " + kind + ", got '" + scalar.getValue() + "'");
		}
		return value;
	}

}
