package dev.trainyard.incident;

/**
 * There is no incident with the id asked for.
 */
public class IncidentNotFoundException extends RuntimeException {

	public IncidentNotFoundException(long id) {
		super("there is no incident " + id);
	}

}
