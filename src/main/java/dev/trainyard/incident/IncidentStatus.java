package dev.trainyard.incident;

/**
 * An incident's lifecycle: {@code DETECTED → ACKNOWLEDGED → MITIGATING → RESOLVED}
 * (acknowledging and mitigating are optional steps).
 */
public enum IncidentStatus {

	DETECTED, ACKNOWLEDGED, MITIGATING, RESOLVED;

	public boolean open() {
		return this != RESOLVED;
	}

}
