package dev.trainyard.slo;

import java.time.Instant;

/**
 * A pipeline's freshness status changed (published once per change, by the process that
 * saw it first; {@code from} is {@code null} the first time a pipeline is evaluated).
 *
 * @param modelAgeSeconds the champion's age, {@code null} without one
 * @param maxAgeSeconds the pipeline's {@code freshness.max-age}, {@code null} without one
 */
public record FreshnessChanged(String pipeline, FreshnessStatus from, FreshnessStatus to, Integer championVersion,
		Long modelAgeSeconds, Long maxAgeSeconds, Instant at) {
}
