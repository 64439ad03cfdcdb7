package dev.trainyard.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.SloObjective;

import org.springframework.stereotype.Component;

/**
 * A pipeline's error budgets (its {@code slo} block): run success (the share of finished
 * runs in the window that did not fail) and freshness (the share of time in the window
 * that the champion was within {@code freshness.max-age}). Both are computed from the
 * database, so they survive restarts and are right after downtime.
 */
@Component
public class ErrorBudgets {

	private final RunOutcomeRepository outcomes;

	private final FreshnessHistory history;

	ErrorBudgets(RunOutcomeRepository outcomes, FreshnessHistory history) {
		this.outcomes = outcomes;
		this.history = history;
	}

	public List<ErrorBudget> of(PipelineDefinition definition, Instant now) {
		return List.of(runSuccess(definition, now), freshness(definition, now));
	}

	/**
	 * The run-success budget: without a finished run in the window it is untouched.
	 */
	public ErrorBudget runSuccess(PipelineDefinition definition, Instant now) {
		return runSuccess(definition.name(), definition.slo().runSuccess(), now, null);
	}

	/**
	 * @param excludedRun a run whose outcome does not count ({@code null}: every run
	 * counts)
	 */
	ErrorBudget runSuccess(String pipeline, SloObjective objective, Instant now, String excludedRun) {
		long[] counts = this.outcomes.countSince(pipeline, now.minus(objective.window()), excludedRun);
		long total = counts[0];
		long failed = counts[1];
		double allowed = (1 - objective.target()) * total;
		return ErrorBudget.of(ErrorBudget.RUN_SUCCESS, objective.target(), objective.window(), total - failed, total,
				failed, allowed);
	}

	/**
	 * The freshness budget: time counts from the start of the window or the first
	 * champion, whichever is later; the budget is {@code (1 - target) × window}. A
	 * pipeline without {@code freshness.max-age} or without a champion spends none.
	 */
	public ErrorBudget freshness(PipelineDefinition definition, Instant now) {
		SloObjective objective = definition.slo().freshness();
		Duration maxAge = (definition.freshness() != null) ? definition.freshness().maxAge() : null;
		double[] seconds = (maxAge != null)
				? this.history.secondsWithinMaxAge(definition.name(), maxAge, now.minus(objective.window()), now)
				: new double[] { 0, 0 };
		double allowed = (1 - objective.target()) * objective.window().toMillis() / 1000.0;
		return ErrorBudget.of(ErrorBudget.FRESHNESS, objective.target(), objective.window(), seconds[0], seconds[1],
				seconds[1] - seconds[0], allowed);
	}

}
