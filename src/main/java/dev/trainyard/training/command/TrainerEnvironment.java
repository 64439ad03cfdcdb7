package dev.trainyard.training.command;

import java.util.Map;

/**
 * The environment of a command trainer (CONTRACT §7): Trainyard's own, without any
 * {@code TRAINYARD_*} variable it has itself, with {@code PYTHONUNBUFFERED=1} (so a
 * Python trainer's progress lines arrive as they are printed; the pipeline may override
 * it), then the pipeline's {@code env}, then the {@code TRAINYARD_*} variables of the
 * launch.
 */
final class TrainerEnvironment {

	static final String PREFIX = "TRAINYARD_";

	private TrainerEnvironment() {
	}

	static void apply(TrainerLaunch launch, Map<String, String> environment) {
		environment.keySet().removeIf((name) -> name.startsWith(PREFIX));
		environment.put("PYTHONUNBUFFERED", "1");
		environment.putAll(launch.command().env());
		environment.put("TRAINYARD_RUN_ID", launch.runId());
		environment.put("TRAINYARD_PIPELINE", launch.pipeline());
		environment.put("TRAINYARD_SEED", Long.toString(launch.seed()));
		environment.put("TRAINYARD_TRAIN_DATA", launch.data().train().toAbsolutePath().toString());
		environment.put("TRAINYARD_VALIDATION_DATA", launch.data().validation().toAbsolutePath().toString());
		environment.put("TRAINYARD_LABEL", launch.data().label());
		if (!launch.isEvaluation()) {
			environment.put("TRAINYARD_CHECKPOINT_DIR", launch.checkpointDir().toAbsolutePath().toString());
		}
		if (launch.resume() != null) {
			environment.put("TRAINYARD_RESUME_DIR", launch.resume().dir().toAbsolutePath().toString());
			environment.put("TRAINYARD_RESUME_STEP", Integer.toString(launch.resume().step()));
		}
		environment.put("TRAINYARD_MODEL_DIR", launch.modelDir().toAbsolutePath().toString());
		environment.put("TRAINYARD_METRICS_FILE", launch.metricsFile().toAbsolutePath().toString());
	}

}
