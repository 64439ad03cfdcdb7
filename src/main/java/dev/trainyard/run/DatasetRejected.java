package dev.trainyard.run;

import java.time.Instant;

/**
 * A run's dataset was rejected (unreadable, malformed, wrong label, changed since the run
 * started).
 *
 * @param reason what is wrong, naming the file, line and field where known
 */
public record DatasetRejected(String pipeline, String runId, String reason, Instant at) {
}
