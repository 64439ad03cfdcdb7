package dev.trainyard.run;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.failure.Failures;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * How an execution ended, derived from its steps: the one place that says what a run's
 * outcome is at the end of its job.
 * <ul>
 * <li>{@code promote} completed: {@code PROMOTED};</li>
 * <li>{@code gate} ended {@code REJECTED}: {@code REJECTED};</li>
 * <li>{@code gate} ended {@code AWAITING_APPROVAL} (the job stopped to wait):
 * {@code AWAITING_APPROVAL};</li>
 * <li>the job failed: {@code FAILED}, with the kind of failure;</li>
 * <li>the job stopped before its end (a stop, a shutdown): no outcome yet,
 * resumable.</li>
 * </ul>
 */
final class RunEnds {

	private RunEnds() {
	}

	static RunEnd of(JobExecution execution, Integer modelVersion) {
		BatchStatus status = execution.getStatus();
		RunStatus state = RunStatus.valueOf(status.name());
		String gate = exitCode(execution, RunStep.GATE).orElse(null);
		if (status == BatchStatus.COMPLETED) {
			Outcome outcome = GateTasklet.REJECTED.equals(gate) ? Outcome.REJECTED : Outcome.PROMOTED;
			return new RunEnd(state, outcome, modelVersion);
		}
		if (status == BatchStatus.STOPPED) {
			Outcome outcome = GateTasklet.AWAITING_APPROVAL.equals(gate) ? Outcome.AWAITING_APPROVAL : null;
			return new RunEnd(state, outcome, modelVersion);
		}
		Throwable failure = firstFailure(execution);
		FailureKind kind = (failure != null) ? Failures.classify(failure) : FailureKind.FATAL;
		return new RunEnd(RunStatus.FAILED, Outcome.FAILED, modelVersion, kind, reason(failure),
				FailureMessages.of(failure), (failure != null) ? Failures.waitBeforeRetry(failure) : Duration.ZERO);
	}

	private static Optional<String> exitCode(JobExecution execution, RunStep step) {
		return execution.getStepExecutions()
			.stream()
			.filter((candidate) -> candidate.getStepName().equals(step.stepName()))
			.max(Comparator.comparing(StepExecution::getId))
			.map((candidate) -> candidate.getExitStatus().getExitCode());
	}

	/** What made the execution fail first, or {@code null}. */
	static Throwable firstFailure(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		return failures.isEmpty() ? null : failures.get(0);
	}

	private static String reason(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof RunTimedOutException) {
				return RunTimedOutException.REASON;
			}
		}
		return null;
	}

}
