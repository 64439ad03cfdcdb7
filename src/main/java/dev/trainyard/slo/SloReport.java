package dev.trainyard.slo;

import java.time.Instant;
import java.util.List;

/**
 * A pipeline's SLOs as {@code GET /api/slo} shows them: its freshness (the champion's age
 * since it finished training, against {@code freshness.max-age}) and its error budgets.
 *
 * @param status the freshness status
 * @param modelAgeSeconds {@code null} without a champion
 * @param maxAgeSeconds {@code null} when the pipeline sets no {@code max-age}
 * @param trainedAt when the champion finished training, {@code null} without one
 */
public record SloReport(String pipeline, FreshnessStatus status, Long modelAgeSeconds, Long maxAgeSeconds,
		Long warnAgeSeconds, Integer championVersion, Instant trainedAt, Instant lastTrainedAt,
		List<ErrorBudget> budgets) {

	public ErrorBudget budget(String slo) {
		return this.budgets.stream().filter((budget) -> budget.slo().equals(slo)).findFirst().orElseThrow();
	}

}
