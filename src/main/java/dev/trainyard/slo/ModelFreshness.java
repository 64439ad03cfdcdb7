package dev.trainyard.slo;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh a pipeline's production model is: since when its champion has been the
 * champion, against the pipeline's {@code freshness} bounds, and when a training last
 * produced a model version.
 *
 * @param championSince when the current champion became the champion, {@code null}
 * without one
 * @param maxAge the model-age SLO, {@code null} when the pipeline sets none
 * @param warnAge the age to warn at, {@code null} when the pipeline sets none
 * @param lastTrainedAt when the newest model version was registered (a training that
 * completed and passed its gates), {@code null} before the first
 */
public record ModelFreshness(String pipeline, Instant championSince, Duration maxAge, Duration warnAge,
		Instant lastTrainedAt) {

	/** The champion's age at {@code now}; {@code null} without a champion. */
	public Duration age(Instant now) {
		if (this.championSince == null) {
			return null;
		}
		Duration age = Duration.between(this.championSince, now);
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
