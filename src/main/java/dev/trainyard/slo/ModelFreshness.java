package dev.trainyard.slo;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh a pipeline's production model is: how long ago its champion finished training
 * (was registered), against the pipeline's {@code freshness} bounds. A rollback to an old
 * version shows that version's age, not the time since the rollback.
 *
 * @param championVersion the current champion, {@code null} without one
 * @param trainedAt when the current champion finished training (its registration),
 * {@code null} without a champion; the model's age counts from here
 * @param championSince when the current champion became the champion, {@code null}
 * without one
 * @param maxAge the model-age SLO, {@code null} when the pipeline sets none
 * @param warnAge the age to warn at, {@code null} when the pipeline sets none
 * @param lastTrainedAt when the newest model version was registered (a training that
 * completed and passed its gates), {@code null} before the first
 */
public record ModelFreshness(String pipeline, Integer championVersion, Instant trainedAt, Instant championSince,
		Duration maxAge, Duration warnAge, Instant lastTrainedAt) {

	/** The champion's age at {@code now}; {@code null} without a champion. */
	public Duration age(Instant now) {
		if (this.trainedAt == null) {
			return null;
		}
		Duration age = Duration.between(this.trainedAt, now);
		return age.isNegative() ? Duration.ZERO : age;
	}

	public FreshnessStatus status(Instant now) {
		Duration age = age(now);
		if (age == null) {
			return FreshnessStatus.NO_MODEL;
		}
		if (this.maxAge != null && age.compareTo(this.maxAge) > 0) {
			return FreshnessStatus.VIOLATED;
		}
		if (this.warnAge != null && age.compareTo(this.warnAge) > 0) {
			return FreshnessStatus.WARNING;
		}
		return FreshnessStatus.OK;
	}

}
