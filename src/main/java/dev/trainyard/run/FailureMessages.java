package dev.trainyard.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Turns Spring Batch's exit descriptions (which hold whole stack traces) into the one
 * line a user needs.
 */
final class FailureMessages {

	private FailureMessages() {
	}

	/**
	 * What made an execution fail, in one line: its failed step's error, else its own.
	 */
	static String errorOf(JobExecution execution) {
		if (execution == null || execution.getStatus() != BatchStatus.FAILED) {
			return null;
		}
		String description = execution.getExitStatus().getExitDescription();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.FAILED && !step.getExitStatus().getExitDescription().isBlank()) {
				description = step.getExitStatus().getExitDescription();
			}
		}
		return firstLine(description);
	}

	static String firstLine(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String line = description.lines().findFirst().orElse("").trim();
		int colon = line.indexOf(": ");
		if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
			line = line.substring(colon + 2);
		}
		return line;
	}

}
