package dev.trainyard.slo;

import java.time.Instant;
import java.util.List;

/**
 * An exhausted error budget of a pipeline has some budget left again.
 *
 * @param stillExhausted the pipeline's other budgets that are still exhausted
 */
public record ErrorBudgetRecovered(String pipeline, String slo, double remaining, List<String> stillExhausted,
		Instant at) {
}
