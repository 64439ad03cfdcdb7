package dev.trainyard.incident;

/**
 * An incident cannot make the transition asked for in its current status.
 */
public class IncidentStateException extends RuntimeException {

	private final IncidentStatus status;

	public IncidentStateException(String message, IncidentStatus status) {
		super(message);
		this.status = status;
	}

	public IncidentStatus status() {
		return this.status;
	}

}
