package dev.trainyard.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.trainyard.pipeline.PipelineDefinition.GateSpec;

import org.springframework.stereotype.Component;

/**
 * Checks a candidate's metrics against a pipeline's gates: absolute bounds and the most
 * it may regress from the current champion. Works on any {@code ValidationMetric}: the
 * built-in trainer's metrics and a command trainer's declared ones, each with its
 * direction.
 */
@Component
public class Gates {

	/**
	 * @param championMetrics the champion's metrics on the same validation data, or
	 * {@code null} when there is no champion (regression gates then pass)
	 * @return one result per bound of every gate, in file order
	 * @throws EvaluationException when the candidate has no value for a gate's metric
	 */
	public List<GateResult> check(List<GateSpec> gates, Map<String, Double> candidate,
			Map<String, Double> championMetrics) {
		List<GateResult> results = new ArrayList<>();
		for (GateSpec gate : gates) {
			String metric = gate.metric().key();
			Double reported = candidate.get(metric);
			if (reported == null || reported.isNaN()) {
				throw new EvaluationException("the gate on " + metric + " cannot be checked: the candidate has no "
						+ metric + " (it has " + String.join(", ", candidate.keySet()) + ")");
			}
			double value = reported;
			Double champion = (championMetrics != null) ? championMetrics.get(metric) : null;
			if (gate.min() != null) {
				boolean passed = value >= gate.min();
				results.add(new GateResult(metric, "min", gate.min(), value, champion, passed, "%s %s %s the minimum %s"
					.formatted(metric, format(value), passed ? "meets" : "is below", format(gate.min()))));
			}
			if (gate.max() != null) {
				boolean passed = value <= gate.max();
				results.add(new GateResult(metric, "max", gate.max(), value, champion, passed, "%s %s %s the maximum %s"
					.formatted(metric, format(value), passed ? "is within" : "exceeds", format(gate.max()))));
			}
			if (gate.maxRegression() != null) {
				results.add(regression(gate, metric, value, champion));
			}
		}
		return results;
	}

	private static GateResult regression(GateSpec gate, String metric, double value, Double champion) {
		if (champion == null) {
			return new GateResult(metric, "max-regression", gate.maxRegression(), value, null, true,
					"no champion to compare %s with".formatted(metric));
		}
		double regression = gate.metric().regression(value, champion);
		boolean passed = regression <= gate.maxRegression() + 1e-12;
		return new GateResult(metric, "max-regression", gate.maxRegression(), value, champion, passed,
				"%s %s vs champion %s: %s by %s (at most %s allowed)".formatted(metric, format(value), format(champion),
						(regression > 0) ? "worse" : "not worse", format(Math.abs(regression)),
						format(gate.maxRegression())));
	}

	private static String format(double value) {
		return String.format(java.util.Locale.ROOT, "%.6g", value);
	}

}
