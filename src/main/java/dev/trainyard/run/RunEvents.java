package dev.trainyard.run;

import java.time.Instant;

import dev.trainyard.failure.FailureKind;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What the run module tells the rest of Trainyard about a run's end: the
 * {@code trainyard.runs} counter (tagged with the outcome, {@code STOPPED} for a run
 * stopped before its end), {@code trainyard.runs.failures} (tagged with why a run failed:
 * {@code TIMED_OUT}, else the kind of failure) and the {@link RunFinished} event.
 */
@Component
class RunEvents {

	private final MeterRegistry meterRegistry;

	private final ApplicationEventPublisher publisher;

	RunEvents(MeterRegistry meterRegistry, ApplicationEventPublisher publisher) {
		this.meterRegistry = meterRegistry;
		this.publisher = publisher;
	}

	void finished(RunRecord run, RunEnd end, Instant at, boolean restartPending) {
		String outcome = (end.outcome() != null) ? end.outcome().name() : end.state().name();
		this.meterRegistry.counter("trainyard.runs", "pipeline", run.pipeline(), "outcome", outcome).increment();
		if (end.state() == RunStatus.FAILED) {
			String reason = (end.failureReason() != null) ? end.failureReason()
					: String.valueOf((end.failureKind() != null) ? end.failureKind() : FailureKind.FATAL);
			this.meterRegistry.counter("trainyard.runs.failures", "pipeline", run.pipeline(), "reason", reason)
				.increment();
		}
		this.publisher.publishEvent(new RunFinished(run.pipeline(), run.runId(), end.state(), end.outcome(),
				end.modelVersion(), end.failureKind(), at, restartPending));
	}

}
