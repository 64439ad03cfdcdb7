package dev.trainyard.pipeline;

import java.util.Arrays;
import java.util.Optional;

/**
 * A metric of the built-in XGBoost trainer as named in pipeline files, with its
 * direction.
 */
public enum Metric implements ValidationMetric {

	AUC("auc", true), LOGLOSS("logloss", false), ERROR("error", false), ACCURACY("accuracy", true),
	MLOGLOSS("mlogloss", false), MERROR("merror", false), RMSE("rmse", false), MAE("mae", false);

	private final String key;

	private final boolean higherIsBetter;

	Metric(String key, boolean higherIsBetter) {
		this.key = key;
		this.higherIsBetter = higherIsBetter;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public boolean higherIsBetter() {
		return this.higherIsBetter;
	}

	public static Optional<Metric> fromKey(String key) {
		return Arrays.stream(values()).filter((metric) -> metric.key.equals(key)).findFirst();
	}

	@Override
	public String toString() {
		return this.key;
	}

}
