package dev.trainyard.training;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import dev.trainyard.dataset.Table;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Trains XGBoost models one segment at a time. A segment always starts from the
 * deserialized bytes of the previous checkpoint (never from a booster kept in memory), so
 * an uninterrupted run and a resumed one do exactly the same work.
 */
@Component
@EnableConfigurationProperties(TrainingProperties.class)
public class XgboostTrainer {

	/** The byte format of checkpoints and model artifacts. */
	public static final String MODEL_FORMAT = "ubj";

	private final int threads;

	/**
	 * A trainer with XGBoost's {@code nthread} at 2 when a pipeline does not set it.
	 */
	public XgboostTrainer() {
		this(new TrainingProperties(2));
	}

	@Autowired
	XgboostTrainer(TrainingProperties properties) {
		this.threads = properties.threads();
	}

	/**
	 * XGBoost's {@code nthread} when a pipeline does not set it
	 * ({@code trainyard.training.threads}): a run records it when it starts and keeps it
	 * when resumed.
	 */
	public int defaultThreads() {
		return this.threads;
	}

	/**
	 * Builds the training matrix once per run; XGBoost caches its quantile sketch in it.
	 */
	public DMatrix matrix(Table table) {
		try {
			DMatrix matrix = new DMatrix(table.features(), table.rows(), table.columns(), Float.NaN);
			matrix.setLabel(table.labels());
			matrix.setFeatureNames(table.featureNames().toArray(String[]::new));
			return matrix;
		}
		catch (XGBoostError ex) {
			throw new TrainingException("XGBoost cannot build a matrix from the data: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Opens a session that trains the segments after {@code startRound}.
	 * @param start the model bytes at {@code startRound}, or {@code null} at round 0
	 */
	public TrainingSession session(TrainingPlan plan, DMatrix train, byte[] start, int startRound) {
		try {
			return new TrainingSession(this, plan, train, start, startRound);
		}
		catch (XGBoostError ex) {
			throw new TrainingException("XGBoost cannot start training: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Trains the segment starting at {@code fromRound} from the previous checkpoint's
	 * bytes.
	 * @param previous the model bytes at {@code fromRound}, or {@code null} at round 0
	 * @return the model bytes at {@link TrainingPlan#segmentEnd(int)}
	 */
	public byte[] trainSegment(TrainingPlan plan, DMatrix train, byte[] previous, int fromRound) {
		int toRound = plan.segmentEnd(fromRound);
		Map<String, Object> params = plan.segmentParams(plan.segmentIndex(fromRound));
		Booster booster = null;
		try {
			Booster start = (previous != null) ? XGBoost.loadModel(previous) : null;
			booster = XGBoost.train(train, params, toRound - fromRound, new HashMap<>(), null, null, null, 0, start);
			if (booster.getNumBoostedRound() != toRound) {
				throw new TrainingException("XGBoost trained to round " + booster.getNumBoostedRound() + ", expected "
						+ toRound + " (the checkpoint at round " + fromRound + " has a different round count)");
			}
			return booster.toByteArray(MODEL_FORMAT);
		}
		catch (XGBoostError | IOException ex) {
			throw new TrainingException(
					"XGBoost failed between rounds " + fromRound + " and " + toRound + ": " + ex.getMessage(), ex);
		}
		finally {
			if (booster != null) {
				booster.dispose();
			}
		}
	}

}
