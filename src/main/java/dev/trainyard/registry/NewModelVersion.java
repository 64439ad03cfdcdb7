package dev.trainyard.registry;

import java.util.List;
import java.util.Map;

import dev.trainyard.validation.GateResult;

/**
 * What the gate step registers for a candidate that passed.
 *
 * @param model the model's bytes; for a model that is a set of files (a command
 * trainer's), the bytes of its manifest
 * @param storedKey {@code null} when the registry writes {@code model} as the version's
 * artifact; else the key under which the model is stored already (a set of files: its
 * manifest's key, see {@link dev.trainyard.store.FileSets}), which becomes the version's
 * artifact as it is
 * @param approvalReason why a candidate that would have been promoted automatically waits
 * for approval (the error-budget policy), or {@code null}
 */
public record NewModelVersion(String pipeline, String runId, byte[] model, String sha256, VersionState state,
		Map<String, Double> metrics, Integer championVersion, Map<String, Double> championMetrics,
		List<GateResult> gateResults, String datasetFingerprint, Map<String, Object> parameters, String storedKey,
		String approvalReason) {

	/**
	 * A model whose bytes the registry writes as the version's artifact, promoted as its
	 * pipeline says.
	 */
	public NewModelVersion(String pipeline, String runId, byte[] model, String sha256, VersionState state,
			Map<String, Double> metrics, Integer championVersion, Map<String, Double> championMetrics,
			List<GateResult> gateResults, String datasetFingerprint, Map<String, Object> parameters) {
		this(pipeline, runId, model, sha256, state, metrics, championVersion, championMetrics, gateResults,
				datasetFingerprint, parameters, null, null);
	}

}
