package dev.trainyard.checkpoint;

import java.time.Instant;

/**
 * A recorded checkpoint did not verify (missing blob, wrong size or SHA-256) and was
 * marked corrupt; a resume continues from an older one.
 *
 * @param location where the blob is ({@code file:…} or {@code s3://…})
 */
public record CheckpointFoundCorrupt(String pipeline, String runId, int round, String location, String reason,
		Instant at) {
}
