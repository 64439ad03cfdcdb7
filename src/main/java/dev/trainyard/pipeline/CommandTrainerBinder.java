package dev.trainyard.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.trainyard.pipeline.DeclaredMetric.Goal;
import dev.trainyard.pipeline.PipelineDefinition.CommandSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code trainer} block of {@code type: command} (CONTRACT §7): the argv, the
 * added environment, the declared metrics with their goals, the timeout, the stop grace
 * and the optional {@code evaluate} argv.
 */
final class CommandTrainerBinder {

	static final List<String> KEYS = List.of("type", "command", "env", "metrics", "timeout", "stop-grace", "evaluate");

	private static final List<String> METRIC_KEYS = List.of("name", "goal");

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final String RESERVED_PREFIX = "TRAINYARD_";

	private CommandTrainerBinder() {
	}

	static TrainerSpec bind(YamlMap map) {
		List<String> argv = map.require("command") ? argv(map, "command") : List.of();
		Map<String, String> env = env(map);
		List<DeclaredMetric> metrics = map.require("metrics") ? metrics(map) : List.of();
		Duration timeout = map.duration("timeout");
		Duration stopGrace = map.duration("stop-grace");
		List<String> evaluate = (map.node("evaluate") != null) ? argv(map, "evaluate") : List.of();
		CommandSpec command = new CommandSpec(argv, env, metrics,
				(stopGrace != null) ? stopGrace : CommandSpec.DEFAULT_STOP_GRACE, evaluate);
		return TrainerSpec.command(command, timeout);
	}

	/** A non-empty list of plain values: the program, then its arguments. */
	private static List<String> argv(YamlMap map, String key) {
		SequenceNode list = map.list(key);
		if (list == null) {
			return List.of();
		}
		if (list.getValue().isEmpty()) {
			map.problem(key, "must list the program and its arguments, e.g. [python3, train.py]");
			return List.of();
		}
		List<String> argv = new ArrayList<>();
		List<Node> items = list.getValue();
		for (int i = 0; i < items.size(); i++) {
			String field = map.field(key) + "[" + i + "]";
			if (items.get(i) instanceof ScalarNode scalar && !YamlMap.isNull(scalar)) {
				argv.add(scalar.getValue());
			}
			else {
				map.problems().add(items.get(i), field, "must be a text value (one argument; there is no shell)");
			}
		}
		if (!argv.isEmpty() && argv.get(0).isBlank()) {
			map.problems().add(items.get(0), map.field(key) + "[0]", "the program must not be blank");
		}
		return argv;
	}

	private static Map<String, String> env(YamlMap map) {
		Node node = map.node("env");
		if (node == null) {
			return Map.of();
		}
		if (!(node instanceof MappingNode mapping)) {
			map.problem("env", "must be a mapping of variable names to values, e.g. { OMP_NUM_THREADS: \"2\" }");
			return Map.of();
		}
		Map<String, String> env = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key) || !ENV_NAME.matcher(key.getValue()).matches()) {
				map.problems()
					.add(tuple.getKeyNode(), map.field("env"), "variable names must match [A-Za-z_][A-Za-z0-9_]*");
				continue;
			}
			String field = map.field("env") + "." + key.getValue();
			if (key.getValue().startsWith(RESERVED_PREFIX)) {
				map.problems().add(key, field, "TRAINYARD_* variables are set by Trainyard and cannot be overridden");
			}
			else if (!(tuple.getValueNode() instanceof ScalarNode value) || YamlMap.isNull(value)) {
				map.problems().add(tuple.getValueNode(), field, "must be a text value");
			}
			else if (env.putIfAbsent(key.getValue(), value.getValue()) != null) {
				map.problems().add(key, field, "duplicate key");
			}
		}
		return env;
	}

	private static List<DeclaredMetric> metrics(YamlMap map) {
		SequenceNode list = map.list("metrics");
		if (list == null) {
			return List.of();
		}
		if (list.getValue().isEmpty()) {
			map.problem("metrics", "must declare at least one metric, e.g. [{ name: val_auc, goal: max }]");
		}
		List<DeclaredMetric> metrics = new ArrayList<>();
		Map<String, Integer> lines = new HashMap<>();
		List<Node> items = list.getValue();
		for (int i = 0; i < items.size(); i++) {
			String field = map.field("metrics") + "[" + i + "]";
			if (!(items.get(i) instanceof MappingNode mapping)) {
				map.problems().add(items.get(i), field, "must be a mapping like { name: val_auc, goal: max }");
				continue;
			}
			YamlMap metric = YamlMap.of(mapping, field, Problems.line(mapping), map.problems(), METRIC_KEYS);
			DeclaredMetric declared = metric(metric);
			if (declared == null) {
				continue;
			}
			Integer previous = lines.putIfAbsent(declared.key(), metric.lineOf("name"));
			if (previous != null) {
				metric.problem("name",
						"duplicate metric name '" + declared.key() + "' (also declared on line " + previous + ")");
			}
			else {
				metrics.add(declared);
			}
		}
		return metrics;
	}

	private static DeclaredMetric metric(YamlMap metric) {
		String name = metric.require("name") ? metric.string("name") : null;
		if (name != null && !DeclaredMetric.NAME.matcher(name).matches()) {
			metric.problem("name", "must match [A-Za-z0-9_.-]+, got '" + name + "'");
			name = null;
		}
		String goalText = metric.require("goal") ? metric.string("goal") : null;
		Goal goal = null;
		if ("max".equals(goalText)) {
			goal = Goal.MAX;
		}
		else if ("min".equals(goalText)) {
			goal = Goal.MIN;
		}
		else if (goalText != null) {
			metric.problem("goal", "must be max (higher is better) or min (lower is better), got '" + goalText + "'");
		}
		return (name != null && goal != null) ? new DeclaredMetric(name, goal) : null;
	}

}
