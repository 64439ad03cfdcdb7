package dev.trainyard.slo;

import java.time.Instant;

/**
 * One of a pipeline's error budgets is used up.
 *
 * @param slo {@code run-success} or {@code freshness}
 * @param remaining the share left before clamping (0 or less)
 */
public record ErrorBudgetExhausted(String pipeline, String slo, double remaining, double target, Instant at) {
}
