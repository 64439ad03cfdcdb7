package dev.trainyard.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Turns Spring Batch's exit descriptions (which hold whole stack traces) into the one
 * line a user needs.
 */
final class FailureMessages {

	private static final String CAUSED_BY = "Caused by: ";

	private static final int MAX_STORED = 2000;

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

	/**
	 * What made a run fail, in one line: the failure's message, followed by its cause's
	 * when that says more; {@code null} without a failure.
	 */
	static String of(Throwable failure) {
		if (failure == null) {
			return null;
		}
		String line = message(failure);
		Throwable cause = failure.getCause();
		if (cause != null && cause != failure && cause.getMessage() != null && !cause.getMessage().isBlank()
				&& !line.contains(cause.getMessage())) {
			line = line + ": " + message(cause);
		}
		return line;
	}

	private static String message(Throwable failure) {
		String message = failure.getMessage();
		return (message != null && !message.isBlank()) ? message.lines().findFirst().orElse("").trim()
				: failure.getClass().getSimpleName();
	}

	/** A line cut to what the run's row holds. */
	static String fit(String line) {
		return (line != null && line.length() > MAX_STORED) ? line.substring(0, MAX_STORED - 1) + "…" : line;
	}

	/**
	 * The error's own message, followed by its cause's when that says more (a
	 * {@code cannot write checkpoint …} says where, its cause says why).
	 */
	static String firstLine(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String line = withoutClassName(description.lines().findFirst().orElse("").trim());
		String cause = description.lines()
			.map(String::trim)
			.filter((candidate) -> candidate.startsWith(CAUSED_BY))
			.findFirst()
			.map((candidate) -> withoutClassName(candidate.substring(CAUSED_BY.length())))
			.orElse("");
		if (!cause.isBlank() && !line.contains(cause) && !cause.matches("[\\w.$]+(Exception|Error)")) {
			line = line.isBlank() ? cause : line + ": " + cause;
		}
		return line;
	}

	private static String withoutClassName(String line) {
		int colon = line.indexOf(": ");
		if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+(Exception|Error)")) {
			return line.substring(colon + 2);
		}
		return line;
	}

}
