package dev.trainyard.pipeline;

import java.util.Arrays;
import java.util.Optional;

/**
 * A validation metric as named in pipeline files, with its direction.
 */
public enum Metric {

	AUC("auc", true), LOGLOSS("logloss", false), ERROR("error", false), ACCURACY("accuracy", true),
	MLOGLOSS("mlogloss", false), MERROR("merror", false), RMSE("rmse", false), MAE("mae", false);

	private final String key;

	private final boolean higherIsBetter;

	Metric(String key, boolean higherIsBetter) {
		this.key = key;
		this.higherIsBetter = higherIsBetter;
	}

	/**
	 * The name used in pipeline files, summaries and the API.
	 */
	public String key() {
		return this.key;
	}

	public boolean higherIsBetter() {
		return this.higherIsBetter;
	}

	/**
	 * How much worse {@code candidate} is than {@code champion}: positive when worse.
	 */
	public double regression(double candidate, double champion) {
		return this.higherIsBetter ? champion - candidate : candidate - champion;
	}

	public static Optional<Metric> fromKey(String key) {
		return Arrays.stream(values()).filter((metric) -> metric.key.equals(key)).findFirst();
	}

	@Override
	public String toString() {
		return this.key;
	}

}
