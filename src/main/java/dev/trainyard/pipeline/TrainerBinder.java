package dev.trainyard.pipeline;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the {@code trainer} block: the built-in XGBoost trainer (the default type) or a
 * command trainer ({@link CommandTrainerBinder}). Keys of the other type are reported as
 * such. The objective is returned even when other parts are wrong, so that gates and the
 * dataset can be checked against it.
 */
final class TrainerBinder {

	static final String XGBOOST = TrainerSpec.XGBOOST;

	static final String COMMAND = TrainerSpec.COMMAND;

	private static final List<String> XGBOOST_KEYS = List.of("type", "objective", "rounds", "params",
			"checkpoint-every", "timeout");

	private static final List<String> ALL_KEYS = Stream
		.concat(XGBOOST_KEYS.stream(), CommandTrainerBinder.KEYS.stream())
		.distinct()
		.toList();

	private TrainerBinder() {
	}

	/**
	 * @return the trainer, or {@code null} when there is no trainer block or its type is
	 * unknown (after recording why)
	 */
	static TrainerSpec bind(YamlMap root) {
		if (!root.require("trainer")) {
			return null;
		}
		String type = (root.node("trainer") instanceof MappingNode mapping) ? type(mapping) : null;
		if (type != null && !XGBOOST.equals(type) && !COMMAND.equals(type)) {
			YamlMap map = root.map("trainer", ALL_KEYS);
			map.problem("type", "unsupported trainer type '" + type + "' (allowed: " + XGBOOST + ", " + COMMAND + ")");
			return null;
		}
		if (COMMAND.equals(type)) {
			YamlMap map = root.map("trainer", CommandTrainerBinder.KEYS, misplaced(XGBOOST_KEYS, COMMAND, XGBOOST));
			return (map != null) ? CommandTrainerBinder.bind(map) : null;
		}
		YamlMap map = root.map("trainer", XGBOOST_KEYS, misplaced(CommandTrainerBinder.KEYS, XGBOOST, COMMAND));
		return (map != null) ? xgboost(map) : null;
	}

	private static TrainerSpec xgboost(YamlMap map) {
		map.string("type");
		Objective objective = objective(map);
		Integer rounds = map.require("rounds") ? map.integer("rounds") : null;
		if (rounds != null && rounds < 1) {
			map.problem("rounds", "must be at least 1");
			rounds = null;
		}
		Integer every = map.integer("checkpoint-every");
		if (every != null && (every < 1 || (rounds != null && every > rounds))) {
			map.problem("checkpoint-every",
					(rounds != null) ? "must be between 1 and rounds (" + rounds + ")" : "must be at least 1");
		}
		Map<String, Object> params = params(map);
		int roundCount = (rounds != null) ? rounds : 0;
		return new TrainerSpec(XGBOOST, objective, roundCount, params, (every != null) ? every : roundCount,
				map.duration("timeout"), null);
	}

	/** The keys of the other trainer type, each with a message saying so. */
	private static Map<String, String> misplaced(List<String> otherKeys, String type, String otherType) {
		String why = COMMAND.equals(otherType)
				? "only for type: command; this trainer is type " + type + " (the default when type is not set)"
				: "only for type: " + otherType + "; a command trainer takes its settings as arguments in command";
		Map<String, String> misplaced = new LinkedHashMap<>();
		for (String key : otherKeys) {
			if (!XGBOOST_KEYS.contains(key) || !CommandTrainerBinder.KEYS.contains(key)) {
				misplaced.put(key, why);
			}
		}
		return misplaced;
	}

	/** The {@code type} the mapping names, read before its keys are checked. */
	private static String type(MappingNode mapping) {
		for (NodeTuple tuple : mapping.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode key && "type".equals(key.getValue())
					&& tuple.getValueNode() instanceof ScalarNode value && !YamlMap.isNull(value)) {
				return value.getValue();
			}
		}
		return null;
	}

	private static Objective objective(YamlMap map) {
		String name = map.require("objective") ? map.string("objective") : null;
		if (name == null) {
			return null;
		}
		Objective objective = Objective.fromName(name).orElse(null);
		if (objective == null) {
			String allowed = Arrays.stream(Objective.values())
				.map(Objective::xgboostName)
				.collect(Collectors.joining(", "));
			map.problem("objective", "unknown objective '" + name + "' (allowed: " + allowed + ")");
		}
		return objective;
	}

	private static Map<String, Object> params(YamlMap map) {
		Node node = map.node("params");
		if (node == null) {
			return Map.of();
		}
		if (!(node instanceof MappingNode mapping)) {
			map.problem("params", "must be a mapping of XGBoost parameters");
			return Map.of();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			String field = map.field("params");
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				map.problems().add(tuple.getKeyNode(), field, "keys must be plain text");
				continue;
			}
			field = field + "." + key.getValue();
			Node value = tuple.getValueNode();
			if (!(value instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
				map.problems().add(value, field, "must be a number, text or boolean");
			}
			else if (params.putIfAbsent(key.getValue(), scalarValue(scalar)) != null) {
				map.problems().add(key, field, "duplicate key");
			}
		}
		return Collections.unmodifiableMap(params);
	}

	/** A YAML scalar as Integer (or Long), Double, Boolean or String. */
	static Object scalarValue(ScalarNode scalar) {
		String text = scalar.getValue();
		try {
			if (scalar.getTag().equals(Tag.INT)) {
				long value = Long.parseLong(text);
				return (value == (int) value) ? (Object) (int) value : (Object) value;
			}
			if (scalar.getTag().equals(Tag.FLOAT)) {
				return Double.valueOf(text);
			}
		}
		catch (NumberFormatException ex) {
			return text;
		}
		if (scalar.getTag().equals(Tag.BOOL)) {
			return Boolean.valueOf(text.toLowerCase());
		}
		return text;
	}

}
