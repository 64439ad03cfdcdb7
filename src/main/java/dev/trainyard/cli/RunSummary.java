package dev.trainyard.cli;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.trainyard.run.RunView;

/**
 * The JSON object {@code run} and {@code resume} print as the last line of stdout.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "runId", "pipeline", "status", "outcome", "modelVersion", "modelSha256", "metrics",
		"resumedFromRound", "checkpoints", "error" })
record RunSummary(String runId, String pipeline, String status, String outcome, Integer modelVersion,
		String modelSha256, Map<String, Double> metrics, Integer resumedFromRound, int checkpoints, String error) {

	static RunSummary of(RunView run) {
		String outcome = (run.outcome() != null) ? run.outcome() : "FAILED";
		return new RunSummary(run.runId(), run.pipeline(), run.status(), outcome, run.modelVersion(), run.modelSha256(),
				(run.metrics() != null) ? run.metrics() : Map.of(), run.resumedFromRound(), run.checkpoints().size(),
				run.error());
	}

	static RunSummary failed(String pipeline, String error) {
		return new RunSummary(null, pipeline, "FAILED", "FAILED", null, null, Map.of(), null, 0, error);
	}

	/** {@code 0} promoted or awaiting approval, {@code 3} rejected, {@code 1} failed. */
	int exitCode() {
		return switch (this.outcome) {
			case "PROMOTED", "AWAITING_APPROVAL" -> ExitCodes.OK;
			case "REJECTED" -> ExitCodes.REJECTED;
			default -> ExitCodes.FAILED;
		};
	}

}
