package dev.trainyard.run;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import dev.trainyard.dataset.InvalidDatasetException;
import dev.trainyard.failure.FailureKind;
import dev.trainyard.validation.GateResult;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What the run module tells the rest of Trainyard about a run: at its end the
 * {@code trainyard.runs} counter (tagged with the outcome, {@code STOPPED} for a run
 * stopped before its end), {@code trainyard.runs.failures} (tagged with why a run failed:
 * {@code TIMED_OUT}, else the kind of failure), the {@link RunFinished} event and, when
 * bad data made it fail, {@link DatasetRejected}; at its gate {@link GateFailed}.
 */
@Component
class RunEvents {

	/** The gate kind that compares a candidate with the current champion. */
	private static final String MAX_REGRESSION = "max-regression";

	private final MeterRegistry meterRegistry;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	RunEvents(MeterRegistry meterRegistry, ApplicationEventPublisher publisher, Clock clock) {
		this.meterRegistry = meterRegistry;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * @param restartPending whether a run-level restart of the failed run is due (it has
	 * not failed for good)
	 * @param failure what made the execution fail, if it failed
	 */
	void finished(RunRecord run, RunEnd end, Instant at, boolean restartPending, Throwable failure) {
		String outcome = (end.outcome() != null) ? end.outcome().name() : end.state().name();
		this.meterRegistry.counter("trainyard.runs", "pipeline", run.pipeline(), "outcome", outcome).increment();
		if (end.state() == RunStatus.FAILED) {
			String reason = (end.failureReason() != null) ? end.failureReason()
					: String.valueOf((end.failureKind() != null) ? end.failureKind() : FailureKind.FATAL);
			this.meterRegistry.counter("trainyard.runs.failures", "pipeline", run.pipeline(), "reason", reason)
				.increment();
		}
		if (end.failureKind() == FailureKind.INVALID_INPUT) {
			String reason = datasetProblem(failure);
			if (reason != null) {
				this.publisher.publishEvent(new DatasetRejected(run.pipeline(), run.runId(), reason, at));
			}
		}
		this.publisher.publishEvent(new RunFinished(run.pipeline(), run.runId(), end.state(), end.outcome(),
				end.modelVersion(), end.failureKind(), at, restartPending));
	}

	/**
	 * @param failed the gates the run's candidate failed
	 */
	void gateFailed(RunContext run, List<GateResult> failed) {
		boolean againstChampion = failed.stream().anyMatch((result) -> MAX_REGRESSION.equals(result.kind()));
		this.publisher.publishEvent(new GateFailed(run.pipeline(), run.runId(),
				failed.stream().map(GateResult::reason).toList(), againstChampion, this.clock.instant()));
	}

	/**
	 * What is wrong with the dataset, when a dataset is what the failure is about: the
	 * message of the first {@link InvalidDatasetException} or
	 * {@link DatasetChangedException} in its cause chain.
	 */
	private static String datasetProblem(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof InvalidDatasetException || cause instanceof DatasetChangedException) {
				return cause.getMessage();
			}
		}
		return null;
	}

}
