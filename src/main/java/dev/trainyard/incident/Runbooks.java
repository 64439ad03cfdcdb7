package dev.trainyard.incident;

import java.util.Map;

/**
 * Trainyard's runbook for each incident type: the signals that open it, what usually
 * causes it, what to do now, how to investigate and whom to escalate to. They are data,
 * in {@code runbooks.yaml} next to this class.
 */
final class Runbooks {

	private static final Map<IncidentType, Runbook> RUNBOOKS = ByIncidentType.read("runbooks.yaml", Runbook.class);

	private Runbooks() {
	}

	static Runbook of(IncidentType type) {
		return RUNBOOKS.get(type);
	}

}
