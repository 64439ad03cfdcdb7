package dev.trainyard.registry;

import java.util.List;
import java.util.Map;

import dev.trainyard.validation.GateResult;

/**
 * What the gate step registers for a candidate that passed.
 *
 * @param approvalReason why a candidate that would have been promoted automatically waits
 * for approval (the error-budget policy), or {@code null}
 */
public record NewModelVersion(String pipeline, String runId, byte[] model, String sha256, VersionState state,
		Map<String, Double> metrics, Integer championVersion, Map<String, Double> championMetrics,
		List<GateResult> gateResults, String datasetFingerprint, Map<String, Object> parameters,
		String approvalReason) {
}
