package dev.trainyard.run;

import dev.trainyard.checkpoint.CheckpointRef;

/**
 * A segment of training finished and its checkpoint was written.
 */
public record TrainingProgressed(String pipeline, String runId, int round, int rounds, CheckpointRef checkpoint) {
}
