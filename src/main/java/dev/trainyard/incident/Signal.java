package dev.trainyard.incident;

/**
 * A condition seen: opens an incident of its pipeline and type, or repeats the open one.
 *
 * @param detail what was seen, for the timeline
 * @param modelAgeSeconds for freshness, the champion's age; else {@code null}
 */
record Signal(String pipeline, IncidentType type, Severity severity, String title, String detail,
		Long modelAgeSeconds) {

	Signal(String pipeline, IncidentType type, String title, String detail) {
		this(pipeline, type, type.severity(), title, detail, null);
	}

}
