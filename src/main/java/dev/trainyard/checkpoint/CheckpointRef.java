package dev.trainyard.checkpoint;

import java.time.Instant;

/**
 * A recorded checkpoint: the model after {@code round} boosting rounds of a run, or a
 * command trainer's checkpoint directory at step {@code round}. {@code deleted}: its blob
 * was removed by retention (the row stays).
 *
 * @param fileSet whether the checkpoint is a set of files (a command trainer's); then
 * {@code key}, {@code size} and {@code sha256} are those of its manifest
 */
public record CheckpointRef(long id, String runId, String pipeline, int round, String key, String location, long size,
		String sha256, Instant createdAt, boolean corrupt, boolean deleted, boolean fileSet) {
}
