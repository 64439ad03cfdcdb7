package dev.trainyard.run;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What the run module tells the rest of Trainyard about a run's end: the
 * {@code trainyard.runs} counter (tagged with the outcome, {@code STOPPED} for a run
 * stopped before its end) and the {@link RunFinished} event.
 */
@Component
class RunEvents {

	private final MeterRegistry meterRegistry;

	private final ApplicationEventPublisher publisher;

	RunEvents(MeterRegistry meterRegistry, ApplicationEventPublisher publisher) {
		this.meterRegistry = meterRegistry;
		this.publisher = publisher;
	}

	void finished(RunRecord run, RunEnd end, Instant at) {
		String outcome = (end.outcome() != null) ? end.outcome().name() : end.state().name();
		this.meterRegistry.counter("trainyard.runs", "pipeline", run.pipeline(), "outcome", outcome).increment();
		this.publisher.publishEvent(new RunFinished(run.pipeline(), run.runId(), end.state(), end.outcome(),
				end.modelVersion(), end.failureKind(), at));
	}

}
