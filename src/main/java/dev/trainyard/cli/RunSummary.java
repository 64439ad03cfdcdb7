package dev.trainyard.cli;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;

/**
 * The JSON object {@code run} and {@code resume} print as the last line of stdout.
 * {@code outcome} is {@code null} for a run that stopped before its end (exit code 4,
 * resumable).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "runId", "pipeline", "status", "outcome", "modelVersion", "modelSha256", "metrics",
		"resumedFromRound", "checkpoints", "error" })
record RunSummary(String runId, String pipeline, RunStatus status, Outcome outcome, Integer modelVersion,
		String modelSha256, Map<String, Double> metrics, Integer resumedFromRound, int checkpoints, String error) {

	static RunSummary of(RunView run) {
		Outcome outcome = run.outcome();
		if (outcome == null && run.status() != RunStatus.STOPPED) {
			outcome = Outcome.FAILED;
		}
		return new RunSummary(run.runId(), run.pipeline(), run.status(), outcome, run.modelVersion(), run.modelSha256(),
				(run.metrics() != null) ? run.metrics() : Map.of(), run.resumedFromRound(), run.checkpoints().size(),
				run.error());
	}

	static RunSummary failed(String pipeline, String error) {
		return new RunSummary(null, pipeline, RunStatus.FAILED, Outcome.FAILED, null, null, Map.of(), null, 0, error);
	}

	/**
	 * {@code 0} promoted or awaiting approval, {@code 3} rejected, {@code 4} stopped
	 * before the end (resumable), {@code 1} failed.
	 */
	int exitCode() {
		if (this.outcome == null) {
			return ExitCodes.STOPPED;
		}
		return switch (this.outcome) {
			case PROMOTED, AWAITING_APPROVAL -> ExitCodes.OK;
			case REJECTED -> ExitCodes.REJECTED;
			case FAILED -> ExitCodes.FAILED;
		};
	}

}
