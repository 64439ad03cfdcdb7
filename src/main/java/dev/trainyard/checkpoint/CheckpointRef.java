package dev.trainyard.checkpoint;

import java.time.Instant;

/**
 * A recorded checkpoint: the model after {@code round} boosting rounds of a run.
 * {@code deleted}: its blob was removed by retention (the row stays).
 */
public record CheckpointRef(long id, String runId, String pipeline, int round, String key, String location, long size,
		String sha256, Instant createdAt, boolean corrupt, boolean deleted) {
}
