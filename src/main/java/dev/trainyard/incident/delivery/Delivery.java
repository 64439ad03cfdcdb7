package dev.trainyard.incident.delivery;

import java.time.Instant;

/**
 * One notice of an incident to one sink: its stable event id, and whether it was
 * delivered.
 *
 * @param state {@code PENDING}, {@code DELIVERED} or {@code FAILED} (a receiver refused
 * it for good)
 */
public record Delivery(String sink, String action, String eventId, String state, int attempts, Instant createdAt,
		Instant deliveredAt, Instant nextAttemptAt, String lastError) {
}
