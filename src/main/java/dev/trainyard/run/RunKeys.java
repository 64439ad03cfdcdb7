package dev.trainyard.run;

/**
 * Names of job parameters and of the small values kept in execution contexts.
 */
final class RunKeys {

	static final String JOB_NAME = "pipeline";

	static final String RUN_ID = "run.id";

	static final String THREADS = "training.threads";

	static final String NUM_CLASSES = "dataset.classes";

	static final String FINGERPRINT = "dataset.fingerprint";

	static final String PARAMS = "training.params";

	static final String MODEL_SHA256 = "model.sha256";

	static final String MODEL_ROUND = "model.round";

	static final String METRICS = "metrics";

	static final String CHAMPION_VERSION = "champion.version";

	static final String CHAMPION_METRICS = "champion.metrics";

	static final String GATES = "gates";

	static final String APPROVAL_REASON = "approval.reason";

	static final String TRAIN_STEP_EXECUTION = "train.stepExecutionId";

	static final String TRAIN_START_ROUND = "train.startRound";

	static final String TRAIN_ROUND = "train.round";

	static final String TRAIN_ROUNDS = "train.rounds";

	private RunKeys() {
	}

}
