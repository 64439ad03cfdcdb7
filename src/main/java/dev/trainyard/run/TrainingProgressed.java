package dev.trainyard.run;

import dev.trainyard.checkpoint.CheckpointRef;

/**
 * A segment of training finished and its checkpoint was written.
 *
 * @param rounds the total, or 0 when a command trainer has not reported one
 * @param unit {@code round} (XGBoost) or {@code step} (a command trainer)
 */
public record TrainingProgressed(String pipeline, String runId, int round, int rounds, CheckpointRef checkpoint,
		String unit) {

	public TrainingProgressed(String pipeline, String runId, int round, int rounds, CheckpointRef checkpoint) {
		this(pipeline, runId, round, rounds, checkpoint, "round");
	}

}
