package dev.trainyard.incident;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * {@code trainyard.incidents.open{type,severity}} (every type and severity, 0 when none
 * is open; read from the database, so it counts other processes' incidents too) and
 * {@code trainyard.incident.time.to.resolve{type}}, a histogram of how long incidents
 * resolved in this process were open (for MTTR).
 */
@Component
class IncidentMetrics {

	private final IncidentRepository repository;

	private final MeterRegistry meterRegistry;

	private final Map<IncidentType, Map<Severity, AtomicLong>> open = new EnumMap<>(IncidentType.class);

	IncidentMetrics(IncidentRepository repository, MeterRegistry meterRegistry) {
		this.repository = repository;
		this.meterRegistry = meterRegistry;
		for (IncidentType type : IncidentType.values()) {
			Map<Severity, AtomicLong> bySeverity = new EnumMap<>(Severity.class);
			for (Severity severity : Severity.values()) {
				AtomicLong count = new AtomicLong();
				bySeverity.put(severity, count);
				Gauge.builder("trainyard.incidents.open", count, AtomicLong::get)
					.description("Open incidents (not resolved) by type and severity")
					.tag("type", type.name())
					.tag("severity", severity.name())
					.register(meterRegistry);
			}
			this.open.put(type, bySeverity);
		}
	}

	/** Re-reads the open incidents. */
	void refresh() {
		Map<IncidentType, Map<Severity, Long>> counts = new EnumMap<>(IncidentType.class);
		for (Object[] row : this.repository.openCounts()) {
			counts.computeIfAbsent(IncidentType.valueOf((String) row[0]), (type) -> new EnumMap<>(Severity.class))
				.put(Severity.valueOf((String) row[1]), (Long) row[2]);
		}
		this.open.forEach((type, bySeverity) -> bySeverity
			.forEach((severity, count) -> count.set(counts.getOrDefault(type, Map.of()).getOrDefault(severity, 0L))));
	}

	void resolved(IncidentType type, Duration open) {
		Timer.builder("trainyard.incident.time.to.resolve")
			.description("How long incidents were open until resolved (MTTR)")
			.tag("type", type.name())
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofSeconds(1))
			.maximumExpectedValue(Duration.ofDays(7))
			.register(this.meterRegistry)
			.record(open.isNegative() ? Duration.ZERO : open);
	}

}
