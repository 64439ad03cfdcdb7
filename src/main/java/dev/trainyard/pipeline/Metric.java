package dev.trainyard.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A metric of the built-in XGBoost trainer as named in pipeline files, with its
 * direction.
 */
public enum Metric implements ValidationMetric {

	AUC(true), LOGLOSS(false), ERROR(false), ACCURACY(true), MLOGLOSS(false), MERROR(false), RMSE(false), MAE(false);

	private final boolean higherIsBetter;

	Metric(boolean higherIsBetter) {
		this.higherIsBetter = higherIsBetter;
	}

	/** The name in pipeline files and XGBoost's: the constant's name in lower case. */
	@Override
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	@Override
	public boolean higherIsBetter() {
		return this.higherIsBetter;
	}

	public static Optional<Metric> fromKey(String key) {
		return Arrays.stream(values()).filter((metric) -> metric.key().equals(key)).findFirst();
	}

	@Override
	public String toString() {
		return key();
	}

}
