package dev.trainyard.pipeline;

import java.time.Duration;
import java.util.List;

import dev.trainyard.pipeline.PipelineDefinition.SloObjective;
import dev.trainyard.pipeline.PipelineDefinition.SloSpec;

/**
 * Reads the {@code slo} block of a pipeline file: an objective (a target in (0, 1) over a
 * window) for the run-success and the freshness error budget, each defaulting when
 * absent.
 */
final class SloBinder {

	private static final List<String> KEYS = List.of("run-success", "freshness");

	private static final List<String> OBJECTIVE_KEYS = List.of("target", "window");

	private SloBinder() {
	}

	static SloSpec bind(YamlMap root) {
		YamlMap map = root.map("slo", KEYS);
		SloSpec defaults = SloSpec.DEFAULT;
		if (map == null) {
			return defaults;
		}
		return new SloSpec(objective(map, "run-success", defaults.runSuccess()),
				objective(map, "freshness", defaults.freshness()));
	}

	private static SloObjective objective(YamlMap slo, String key, SloObjective defaults) {
		YamlMap map = slo.map(key, OBJECTIVE_KEYS);
		if (map == null) {
			return defaults;
		}
		Double target = map.decimal("target");
		if (target != null && (target <= 0 || target >= 1)) {
			map.problem("target", "must be between 0 and 1 (exclusive), e.g. 0.95, got " + target);
			target = null;
		}
		Duration window = map.duration("window");
		return new SloObjective((target != null) ? target : defaults.target(),
				(window != null) ? window : defaults.window());
	}

}
