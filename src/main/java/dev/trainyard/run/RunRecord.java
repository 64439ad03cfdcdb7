package dev.trainyard.run;

import java.time.Instant;

/**
 * Trainyard's row for a run (one Spring Batch job instance of a pipeline).
 */
record RunRecord(String runId, String pipeline, Long jobInstanceId, String definitionSource, String definitionText,
		String outcome, Integer modelVersion, String launchedBy, Instant createdAt, ProcessOwner owner,
		Instant heartbeatAt) {
}
