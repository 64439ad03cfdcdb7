package dev.trainyard.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.trainyard.validation.GateResult;

/**
 * A registered model version with the evidence it was judged on, frozen when it was
 * registered.
 *
 * @param approvalReason why it waits for approval although its pipeline promotes
 * automatically (the error-budget policy), or {@code null}
 */
public record ModelVersion(String pipeline, int version, VersionState state, String runId, String sha256, long size,
		String artifactKey, Map<String, Double> metrics, Integer championVersion, Map<String, Double> championMetrics,
		List<GateResult> gateResults, String datasetFingerprint, Map<String, Object> parameters, Instant createdAt,
		String decidedBy, Instant decidedAt, String decisionComment, String approvalReason) {

	/**
	 * Whether the model is a set of files (a command trainer's): its artifact is then the
	 * set's manifest, and {@link #sha256()} that of the manifest.
	 */
	public boolean isFileSet() {
		return this.artifactKey.endsWith("/" + dev.trainyard.store.FileSets.MANIFEST);
	}

}
