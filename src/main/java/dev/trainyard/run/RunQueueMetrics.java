package dev.trainyard.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * {@code trainyard.runs.queued}: how many runs wait in the run queue (of every server
 * sharing the database), read when Prometheus scrapes.
 */
@Component
@ConditionalOnWebApplication
class RunQueueMetrics {

	RunQueueMetrics(RunRepository runs, MeterRegistry meterRegistry) {
		Gauge.builder("trainyard.runs.queued", runs, RunRepository::countQueued)
			.description("Runs waiting in the queue for a free slot")
			.register(meterRegistry);
	}

}
