package dev.trainyard.incident.delivery;

/**
 * A pending notice for one sink, as claimed from the outbox.
 */
record OutboxEntry(long id, String eventId, long incidentId, String sink, String action, String notice, int attempts) {
}
