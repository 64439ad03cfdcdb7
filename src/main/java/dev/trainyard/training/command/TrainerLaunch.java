package dev.trainyard.training.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.trainyard.pipeline.PipelineDefinition.CommandSpec;

/**
 * One start of a command trainer: a training attempt ({@link #train}) or the evaluation
 * of a model directory on the run's validation rows ({@link #evaluate}).
 *
 * @param seed {@code dataset.seed}, as {@code TRAINYARD_SEED}
 * @param command the pipeline's command trainer
 * @param timeout how long the process may run, or {@code null} for no limit
 * @param jobsDir where the process runs (relative program paths and arguments resolve
 * there)
 * @param attemptDir a directory of this attempt's own: it gets {@code checkpoints/}
 * ({@code TRAINYARD_CHECKPOINT_DIR}), {@code model/} ({@code TRAINYARD_MODEL_DIR}) and
 * {@code metrics.json} ({@code TRAINYARD_METRICS_FILE}), which must not exist yet or be
 * empty
 * @param resume the restored checkpoint to continue from, or {@code null}
 * @param evaluatedModel for an evaluation, the model's files
 * ({@code TRAINYARD_MODEL_DIR}); {@code null} for training
 */
public record TrainerLaunch(String runId, String pipeline, long seed, CommandSpec command, Duration timeout,
		SplitFiles data, Path jobsDir, Path attemptDir, Resume resume, Path evaluatedModel) {

	/**
	 * A checkpoint restored for the trainer to continue from:
	 * {@code TRAINYARD_RESUME_DIR} and {@code TRAINYARD_RESUME_STEP}.
	 */
	public record Resume(Path dir, int step) {
	}

	public TrainerLaunch {
		if (evaluatedModel != null && (resume != null || !command.hasEvaluate())) {
			throw new IllegalArgumentException(
					"an evaluation needs trainer.evaluate and does not resume (pipeline " + pipeline + ")");
		}
	}

	/** A training attempt, continuing from {@code resume} unless it is {@code null}. */
	public static TrainerLaunch train(String runId, String pipeline, long seed, CommandSpec command, Duration timeout,
			SplitFiles data, Path jobsDir, Path attemptDir, Resume resume) {
		return new TrainerLaunch(runId, pipeline, seed, command, timeout, data, jobsDir, attemptDir, resume, null);
	}

	/** {@code trainer.evaluate} run on {@code model} (such as the champion's files). */
	public static TrainerLaunch evaluate(String runId, String pipeline, long seed, CommandSpec command,
			Duration timeout, SplitFiles data, Path jobsDir, Path attemptDir, Path model) {
		return new TrainerLaunch(runId, pipeline, seed, command, timeout, data, jobsDir, attemptDir, null, model);
	}

	public boolean isEvaluation() {
		return this.evaluatedModel != null;
	}

	/** The argv this start runs. */
	public List<String> argv() {
		return isEvaluation() ? this.command.evaluate() : this.command.argv();
	}

	/** {@code TRAINYARD_CHECKPOINT_DIR}; not given to an evaluation. */
	public Path checkpointDir() {
		return this.attemptDir.resolve("checkpoints");
	}

	/** {@code TRAINYARD_MODEL_DIR}. */
	public Path modelDir() {
		return isEvaluation() ? this.evaluatedModel : this.attemptDir.resolve("model");
	}

	/** {@code TRAINYARD_METRICS_FILE}. */
	public Path metricsFile() {
		return this.attemptDir.resolve("metrics.json");
	}

}
