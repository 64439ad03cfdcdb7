package dev.trainyard.run;

/**
 * A run's job execution ended (it may be restarted later).
 */
public record RunFinished(String pipeline, String runId, String status, String outcome, Integer modelVersion) {
}
