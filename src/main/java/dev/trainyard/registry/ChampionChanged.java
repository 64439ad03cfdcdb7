package dev.trainyard.registry;

import java.time.Instant;

/**
 * A pipeline's champion changed (published once the change is committed).
 *
 * @param fromVersion the previous champion, {@code null} for the first one
 * @param action {@code PROMOTION} or {@code ROLLBACK}
 */
public record ChampionChanged(String pipeline, Integer fromVersion, int toVersion, String action, String actor,
		Instant at) {
}
