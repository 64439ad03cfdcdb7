package dev.trainyard.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.trainyard.pipeline.PipelineDefinition.GateSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code gates} list: each gate names a metric the trainer reports (one of the
 * objective's for XGBoost, a declared one for a command trainer) and sets at least one of
 * {@code min}, {@code max} and {@code max-regression}.
 */
final class GateBinder {

	private static final List<String> KEYS = List.of("metric", "min", "max", "max-regression");

	private static final List<String> BOUNDS = List.of("min", "max", "max-regression");

	private GateBinder() {
	}

	static List<GateSpec> bind(YamlMap root, TrainerSpec trainer) {
		SequenceNode list = root.list("gates");
		if (list == null) {
			return List.of();
		}
		List<GateSpec> gates = new ArrayList<>();
		List<Node> items = list.getValue();
		for (int i = 0; i < items.size(); i++) {
			String field = root.field("gates") + "[" + i + "]";
			if (items.get(i) instanceof MappingNode mapping) {
				YamlMap gate = YamlMap.of(mapping, field, Problems.line(mapping), root.problems(), KEYS);
				gates.add(gate(gate, trainer));
			}
			else {
				root.problems().add(items.get(i), field, "must be a mapping like { metric: auc, min: 0.9 }");
			}
		}
		return List.copyOf(gates);
	}

	private static GateSpec gate(YamlMap gate, TrainerSpec trainer) {
		ValidationMetric metric = gate.require("metric") ? metric(gate, trainer) : null;
		if (BOUNDS.stream().allMatch((key) -> gate.node(key) == null)) {
			gate.problem("needs at least one of min, max, max-regression");
		}
		Double min = gate.decimal("min");
		Double max = gate.decimal("max");
		Double maxRegression = gate.decimal("max-regression");
		if (maxRegression != null && maxRegression < 0) {
			gate.problem("max-regression", "must not be negative, got " + maxRegression);
		}
		if (min != null && max != null && min > max) {
			gate.problem("max", "must be at least min (" + min + ")");
		}
		return new GateSpec(metric, min, max, maxRegression);
	}

	private static ValidationMetric metric(YamlMap gate, TrainerSpec trainer) {
		String key = gate.string("metric");
		if (key == null) {
			return null;
		}
		if (trainer != null && trainer.isCommand()) {
			return declared(gate, key, trainer.command().metrics());
		}
		Objective objective = (trainer != null) ? trainer.objective() : null;
		Metric metric = Metric.fromKey(key).orElse(null);
		if (metric == null) {
			String allowed = Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", "));
			gate.problem("metric", "unknown metric '" + key + "' (allowed: " + allowed + ")");
		}
		else if (objective != null && !objective.metrics().contains(metric)) {
			String allowed = objective.metrics().stream().map(Metric::key).collect(Collectors.joining(", "));
			gate.problem("metric",
					"metric " + key + " does not apply to objective " + objective + " (allowed: " + allowed + ")");
		}
		return metric;
	}

	private static ValidationMetric declared(YamlMap gate, String key, List<DeclaredMetric> declared) {
		for (DeclaredMetric metric : declared) {
			if (metric.key().equals(key)) {
				return metric;
			}
		}
		String names = declared.isEmpty() ? "none"
				: declared.stream().map(DeclaredMetric::key).collect(Collectors.joining(", "));
		gate.problem("metric", "metric '" + key + "' is not declared in trainer.metrics (declared: " + names + ")");
		return null;
	}

}
