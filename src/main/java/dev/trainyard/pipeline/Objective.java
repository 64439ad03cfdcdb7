package dev.trainyard.pipeline;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The XGBoost objectives Trainyard supports, with the metrics that make sense for each.
 */
public enum Objective {

	BINARY_LOGISTIC("binary:logistic", Task.BINARY,
			EnumSet.of(Metric.AUC, Metric.LOGLOSS, Metric.ERROR, Metric.ACCURACY)),

	MULTI_SOFTPROB("multi:softprob", Task.MULTICLASS, EnumSet.of(Metric.MLOGLOSS, Metric.MERROR, Metric.ACCURACY)),

	REG_SQUAREDERROR("reg:squarederror", Task.REGRESSION, EnumSet.of(Metric.RMSE, Metric.MAE));

	/**
	 * What kind of labels an objective learns.
	 */
	public enum Task {

		BINARY, MULTICLASS, REGRESSION

	}

	private final String xgboostName;

	private final Task task;

	private final Set<Metric> metrics;

	Objective(String xgboostName, Task task, Set<Metric> metrics) {
		this.xgboostName = xgboostName;
		this.task = task;
		this.metrics = metrics;
	}

	public String xgboostName() {
		return this.xgboostName;
	}

	public Task task() {
		return this.task;
	}

	/**
	 * The metrics that can be computed for this objective, in a stable order.
	 */
	public Set<Metric> metrics() {
		return this.metrics;
	}

	public static Optional<Objective> fromName(String name) {
		return Arrays.stream(values()).filter((objective) -> objective.xgboostName.equals(name)).findFirst();
	}

	@Override
	public String toString() {
		return this.xgboostName;
	}

}
