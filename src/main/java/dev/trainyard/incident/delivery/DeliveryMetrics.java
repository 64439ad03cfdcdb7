package dev.trainyard.incident.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code trainyard.incident.deliveries.pending{sink}}: notices not yet delivered, per
 * configured sink, as of the latest drain.
 */
class DeliveryMetrics {

	private final Map<String, Long> pending = new ConcurrentHashMap<>();

	DeliveryMetrics(MeterRegistry meterRegistry, Sinks sinks) {
		for (String sink : sinks.names()) {
			this.pending.put(sink, 0L);
			Gauge.builder("trainyard.incident.deliveries.pending", this.pending, (map) -> map.getOrDefault(sink, 0L))
				.description("Incident notices not yet delivered to the sink")
				.tag("sink", sink)
				.register(meterRegistry);
		}
	}

	void update(Map<String, Long> counts) {
		this.pending.replaceAll((sink, old) -> counts.getOrDefault(sink, 0L));
	}

	long pending() {
		return this.pending.values().stream().mapToLong(Long::longValue).sum();
	}

}
