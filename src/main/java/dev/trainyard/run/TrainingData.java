package dev.trainyard.run;

import dev.trainyard.dataset.PreparedData;
import ml.dmlc.xgboost4j.java.DMatrix;

/**
 * A run's dataset, split, with XGBoost's matrices of both parts (built once per
 * execution; XGBoost keeps its quantile sketch in the training matrix).
 */
record TrainingData(PreparedData prepared, DMatrix train, DMatrix validation) implements AutoCloseable {

	@Override
	public void close() {
		this.train.dispose();
		this.validation.dispose();
	}

}
