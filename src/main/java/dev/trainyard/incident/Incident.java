package dev.trainyard.incident;

import java.time.Instant;

/**
 * An incident row.
 */
record Incident(long id, String pipeline, IncidentType type, Severity severity, IncidentStatus status, String title,
		int count, int runsFailed, Long maxModelAgeSeconds, Instant openedAt, Instant updatedAt, Instant resolvedAt) {

	/** The stable key receivers deduplicate on. */
	String key() {
		return key(this.id, this.pipeline, this.type);
	}

	static String key(long id, String pipeline, IncidentType type) {
		return "trainyard/" + pipeline + "/" + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "/"
				+ id;
	}

}
