package dev.trainyard.registry;

import java.time.Instant;

/**
 * One change of a pipeline's champion, as recorded in its append-only history.
 *
 * @param action {@code PROMOTION} or {@code ROLLBACK}
 */
public record ChampionChange(long id, String pipeline, Integer fromVersion, int toVersion, String action, String actor,
		String reason, String runId, Instant changedAt) {
}
