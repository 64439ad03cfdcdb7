package dev.trainyard.validation;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.trainyard.pipeline.Metric;
import dev.trainyard.pipeline.Objective;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.springframework.stereotype.Component;

/**
 * Computes a model's metrics on a validation matrix with XGBoost's own evaluation.
 * {@code accuracy} is XGBoost's {@code 1 - error} (binary) or {@code 1 - merror}
 * (multiclass).
 */
@Component
public class ModelEvaluator {

	/**
	 * @return every metric of the objective, keyed by {@link Metric#key()}, in the
	 * objective's order
	 */
	public Map<String, Double> evaluate(byte[] model, Objective objective, DMatrix validation) {
		Booster booster = null;
		try {
			booster = XGBoost.loadModel(model);
			for (Metric metric : objective.metrics()) {
				if (metric != Metric.ACCURACY) {
					booster.setParam("eval_metric", metric.key());
				}
			}
			if (objective.metrics().contains(Metric.ACCURACY)) {
				booster.setParam("eval_metric", (objective.task() == Objective.Task.BINARY) ? "error" : "merror");
			}
			Map<String, Double> raw = parse(booster.evalSet(new DMatrix[] { validation }, new String[] { "v" }, 0));
			Map<String, Double> metrics = new LinkedHashMap<>();
			for (Metric metric : objective.metrics()) {
				metrics.put(metric.key(), value(metric, objective, raw));
			}
			return metrics;
		}
		catch (XGBoostError | IOException ex) {
			throw new EvaluationException("XGBoost cannot evaluate the model: " + ex.getMessage(), ex);
		}
		finally {
			if (booster != null) {
				booster.dispose();
			}
		}
	}

	private static double value(Metric metric, Objective objective, Map<String, Double> raw) {
		if (metric == Metric.ACCURACY) {
			return 1.0 - raw.get((objective.task() == Objective.Task.BINARY) ? "error" : "merror");
		}
		Double value = raw.get(metric.key());
		if (value == null) {
			throw new EvaluationException("XGBoost did not report " + metric.key() + " (got " + raw.keySet() + ")");
		}
		return value;
	}

	/** Parses {@code [0]\tv-auc:0.98\tv-logloss:0.12}. */
	private static Map<String, Double> parse(String evaluation) {
		Map<String, Double> values = new LinkedHashMap<>();
		String[] parts = evaluation.trim().split("\t");
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i];
			int colon = part.lastIndexOf(':');
			String name = part.substring(part.indexOf('-') + 1, colon);
			values.put(name, Double.parseDouble(part.substring(colon + 1)));
		}
		return values;
	}

}
