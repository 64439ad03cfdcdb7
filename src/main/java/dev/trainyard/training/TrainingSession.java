package dev.trainyard.training;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a run's segments one after the other in this process. Every segment must do
 * exactly what a segment started from the previous checkpoint's bytes would do (that is
 * what makes a resumed run byte-identical). Loading the bytes costs a full prediction of
 * every tree on the training rows; instead, where the plan allows it
 * ({@link TrainingPlan#updaterSequence()}), the booster stays in memory with its
 * prediction cache, and at each segment boundary its tree updaters are rebuilt under the
 * segment's seed, which leaves it in the same state as a booster loaded from the bytes
 * (verified across objectives, samplers and tree methods by
 * {@code TrainingSessionTests}). Otherwise every segment starts from the bytes.
 */
public final class TrainingSession implements AutoCloseable {

	private final XgboostTrainer trainer;

	private final TrainingPlan plan;

	private final DMatrix train;

	private final DMatrix probe;

	private Booster booster;

	private byte[] model;

	private int round;

	TrainingSession(XgboostTrainer trainer, TrainingPlan plan, DMatrix train, byte[] start, int startRound)
			throws XGBoostError {
		this.trainer = trainer;
		this.plan = plan;
		this.train = train;
		this.model = start;
		this.round = startRound;
		this.probe = train.slice(new int[] { 0 });
	}

	public int round() {
		return this.round;
	}

	public byte[] model() {
		return this.model;
	}

	/**
	 * Trains the next segment and returns the model bytes at its end.
	 */
	public byte[] next() {
		int from = this.round;
		int to = this.plan.segmentEnd(from);
		if (this.plan.updaterSequence() == null) {
			this.model = this.trainer.trainSegment(this.plan, this.train, this.model, from);
		}
		else {
			this.model = continueInMemory(from, to);
		}
		this.round = to;
		return this.model;
	}

	private byte[] continueInMemory(int from, int to) {
		Map<String, Object> params = new HashMap<>(this.plan.segmentParams(this.plan.segmentIndex(from)));
		try {
			if (this.booster == null && this.model != null) {
				this.booster = XGBoost.loadModel(this.model);
			}
			else if (this.booster != null) {
				params.putIfAbsent("verbosity", 0);
				rebuildUpdaters(params);
				params.put("updater", this.plan.updaterSequence());
			}
			this.booster = XGBoost.train(this.train, params, to - from, new HashMap<>(), null, null, null, 0,
					this.booster);
			return this.booster.toByteArray(XgboostTrainer.MODEL_FORMAT);
		}
		catch (XGBoostError | IOException ex) {
			throw new TrainingException("XGBoost failed between rounds " + from + " and " + to + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Applies the segment's parameters with another updater (quietly: naming the updater
	 * makes XGBoost warn that {@code tree_method} is ignored, which is not so here) and
	 * makes XGBoost configure itself (a prediction does), so the next update creates
	 * fresh updaters seeded from the segment's seed, as a freshly loaded booster would.
	 */
	private void rebuildUpdaters(Map<String, Object> params) throws XGBoostError {
		Map<String, Object> interim = new HashMap<>(params);
		interim.put("updater", "prune");
		this.booster.setParams(interim);
		this.booster.predict(this.probe);
	}

	@Override
	public void close() {
		if (this.booster != null) {
			this.booster.dispose();
			this.booster = null;
		}
		this.probe.dispose();
	}

}
