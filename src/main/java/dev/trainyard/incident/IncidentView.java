package dev.trainyard.incident;

import java.time.Instant;
import java.util.List;

import dev.trainyard.incident.delivery.Delivery;

/**
 * An incident as the API shows it: what, how bad, its lifecycle, every step of its
 * timeline, its type's runbook and its deliveries to the configured sinks.
 *
 * @param key the stable key receivers deduplicate on (PagerDuty's {@code dedup_key})
 * @param count how often the condition was seen while the incident was open
 * @param runsFailed runs of the pipeline that failed while it was open
 * @param maxModelAgeSeconds for freshness incidents, the oldest the model got
 */
public record IncidentView(long id, String key, String pipeline, IncidentType type, Severity severity,
		IncidentStatus status, String title, int count, int runsFailed, Long maxModelAgeSeconds, Instant openedAt,
		Instant updatedAt, Instant resolvedAt, List<TimelineEntry> timeline, Runbook runbook,
		List<Delivery> deliveries) {

	/** One step: who, when, what. */
	public record TimelineEntry(Instant at, String actor, String action, String detail) {
	}

}
