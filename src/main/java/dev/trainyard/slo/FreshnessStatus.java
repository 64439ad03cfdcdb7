package dev.trainyard.slo;

/**
 * How fresh a pipeline's champion is against its {@code freshness} settings.
 */
public enum FreshnessStatus {

	/** Younger than the warn age (or the pipeline sets no bounds). */
	OK,
	/** Older than the warn age, not yet older than the max age. */
	WARNING,
	/** Older than the max age. */
	VIOLATED,
	/** The pipeline has no champion. */
	NO_MODEL

}
