package dev.trainyard.incident.delivery;

/**
 * How one kind of receiver wants a notice. Formatting is deterministic: the same notice
 * and event id give the same bytes on every retry.
 */
interface SinkFormat {

	Outgoing format(IncidentNotice notice, String eventId);

}
