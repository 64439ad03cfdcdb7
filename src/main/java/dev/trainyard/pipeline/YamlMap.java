package dev.trainyard.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML mapping checked against its allowed keys, with typed getters that record a
 * problem (file, line, dotted field) instead of failing. Getters return {@code null} when
 * a key is absent, is YAML null, or has a wrong value.
 */
final class YamlMap {

	private final Problems problems;

	private final String path;

	private final Integer line;

	private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

	private YamlMap(Problems problems, String path, Integer line) {
		this.problems = problems;
		this.path = path;
		this.line = line;
	}

	/**
	 * Checks {@code node} and its keys.
	 * @param path the dotted path of the mapping ({@code ""} for the top level)
	 * @param line the line to report missing keys at (the key that holds the mapping)
	 */
	static YamlMap of(MappingNode node, String path, Integer line, Problems problems, List<String> allowed) {
		return of(node, path, line, problems, allowed, Map.of());
	}

	/**
	 * Checks {@code node} and its keys; a key of {@code misplaced} is reported with its
	 * own message (such as "only for type: command") instead of as unknown.
	 */
	static YamlMap of(MappingNode node, String path, Integer line, Problems problems, List<String> allowed,
			Map<String, String> misplaced) {
		YamlMap map = new YamlMap(problems, path, line);
		for (NodeTuple tuple : node.getValue()) {
			map.addEntry(tuple, allowed, misplaced);
		}
		return map;
	}

	private void addEntry(NodeTuple tuple, List<String> allowed, Map<String, String> misplaced) {
		Node keyNode = tuple.getKeyNode();
		if (!(keyNode instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
			this.problems.add(keyNode, fieldOrNull(), "keys must be plain text");
			return;
		}
		String key = scalar.getValue();
		if (misplaced.containsKey(key)) {
			this.problems.add(keyNode, field(key), misplaced.get(key));
		}
		else if (!allowed.contains(key)) {
			this.problems.add(keyNode, field(key), "unknown key (allowed: " + String.join(", ", allowed) + ")");
		}
		else if (this.entries.putIfAbsent(key, tuple) != null) {
			this.problems.add(keyNode, field(key), "duplicate key");
		}
	}

	Problems problems() {
		return this.problems;
	}

	String field(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	private String fieldOrNull() {
		return this.path.isEmpty() ? null : this.path;
	}

	/**
	 * The value node, or {@code null} when the key is absent or its value is YAML null.
	 */
	Node node(String key) {
		NodeTuple tuple = this.entries.get(key);
		if (tuple == null || isNull(tuple.getValueNode())) {
			return null;
		}
		return tuple.getValueNode();
	}

	/** The line of a key, or of this mapping when the key is absent. */
	Integer lineOf(String key) {
		NodeTuple tuple = this.entries.get(key);
		return (tuple != null) ? Problems.line(tuple.getKeyNode()) : this.line;
	}

	/** Records a problem at the value of {@code key} (or the mapping if absent). */
	void problem(String key, String message) {
		Node value = node(key);
		this.problems.add((value != null) ? Problems.line(value) : lineOf(key), field(key), message);
	}

	/** Records a problem about this mapping as a whole. */
	void problem(String message) {
		this.problems.add(this.line, fieldOrNull(), message);
	}

	/**
	 * Records that a key is missing unless it has a value; answers whether it has one.
	 */
	boolean require(String key) {
		if (node(key) != null) {
			return true;
		}
		this.problems.add(lineOf(key), field(key), "is required");
		return false;
	}

	String string(String key) {
		ScalarNode scalar = scalar(key, "a text value");
		return (scalar != null) ? scalar.getValue() : null;
	}

	Boolean bool(String key) {
		ScalarNode scalar = scalar(key, "true or false");
		if (scalar == null) {
			return null;
		}
		return switch (scalar.getValue()) {
			case "true" -> true;
			case "false" -> false;
			default -> {
				problem(key, "must be true or false, got '" + scalar.getValue() + "'");
				yield null;
			}
		};
	}

	Integer integer(String key) {
		return NumberField.read(this, key, "an integer", Integer::valueOf);
	}

	Long longValue(String key) {
		return NumberField.read(this, key, "an integer", Long::valueOf);
	}

	Double decimal(String key) {
		return NumberField.read(this, key, "a number", (text) -> {
			double value = Double.parseDouble(text);
			return Double.isFinite(value) ? value : null;
		});
	}

	/** A positive duration such as {@code 30s}, {@code 7d} or {@code PT1M}. */
	Duration duration(String key) {
		return DurationField.read(this, key);
	}

	YamlMap map(String key, List<String> allowed) {
		return map(key, allowed, Map.of());
	}

	/**
	 * The mapping under {@code key}, checked against {@code allowed}; keys of
	 * {@code misplaced} are reported with their own message.
	 */
	YamlMap map(String key, List<String> allowed, Map<String, String> misplaced) {
		Node value = node(key);
		if (value == null) {
			return null;
		}
		if (value instanceof MappingNode mapping) {
			return of(mapping, field(key), lineOf(key), this.problems, allowed, misplaced);
		}
		problem(key, "must be a mapping (allowed keys: " + String.join(", ", allowed) + ")");
		return null;
	}

	SequenceNode list(String key) {
		Node value = node(key);
		if (value == null || value instanceof SequenceNode) {
			return (SequenceNode) value;
		}
		problem(key, "must be a list");
		return null;
	}

	/** The scalar value, or {@code null} after recording that it is a mapping or list. */
	ScalarNode scalar(String key, String kind) {
		Node value = node(key);
		if (value == null || value instanceof ScalarNode) {
			return (ScalarNode) value;
		}
		problem(key, "must be " + kind + ", not a " + ((value instanceof MappingNode) ? "mapping" : "list"));
		return null;
	}

	static boolean isNull(Node node) {
		return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
	}

}
