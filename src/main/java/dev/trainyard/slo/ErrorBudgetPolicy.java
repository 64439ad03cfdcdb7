package dev.trainyard.slo;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.SloObjective;
import dev.trainyard.pipeline.PipelineDefinition.SloSpec;
import dev.trainyard.pipeline.PipelineNotFoundException;

import org.springframework.stereotype.Service;

/**
 * The error-budget policy: while a pipeline's run-success budget is exhausted (by its
 * other runs), a candidate that its {@code approval: auto} would promote needs approval
 * instead, until the budget recovers.
 * {@code trainyard.slo.policy.require-approval-when-exhausted=false} turns it off.
 */
@Service
public class ErrorBudgetPolicy {

	private final ErrorBudgets budgets;

	private final PipelineCatalog catalog;

	private final Clock clock;

	private final boolean enabled;

	ErrorBudgetPolicy(ErrorBudgets budgets, PipelineCatalog catalog, Clock clock, SloProperties properties) {
		this.budgets = budgets;
		this.catalog = catalog;
		this.clock = clock;
		this.enabled = properties.policy().requireApprovalWhenExhausted();
	}

	/**
	 * Whether a candidate of {@code pipeline} needs approval because of its error budget,
	 * with the pipeline's {@code slo} block as its file says now (the defaults when the
	 * file is gone or broken).
	 * @return why, in words, or empty when the policy does not ask for approval
	 */
	public Optional<String> approvalRequired(String pipeline) {
		SloObjective objective;
		try {
			objective = this.catalog.get(pipeline).slo().runSuccess();
		}
		catch (PipelineNotFoundException | InvalidPipelineException ex) {
			objective = SloSpec.DEFAULT.runSuccess();
		}
		return approvalRequired(pipeline, objective, null);
	}

	/**
	 * Whether the candidate of run {@code runId} of {@code definition} (the definition
	 * the run keeps) needs approval because of its error budget: the budget as the
	 * pipeline's other runs spent it, so that a run restarted after it failed is not held
	 * back by its own failed attempt (its outcome is about to be replaced).
	 * @return why, in words, or empty when the policy does not ask for approval
	 */
	public Optional<String> approvalRequired(PipelineDefinition definition, String runId) {
		return approvalRequired(definition.name(), definition.slo().runSuccess(), runId);
	}

	private Optional<String> approvalRequired(String pipeline, SloObjective objective, String runId) {
		if (!this.enabled) {
			return Optional.empty();
		}
		ErrorBudget budget = this.budgets.runSuccess(pipeline, objective, this.clock.instant(), runId);
		if (budget.status() != BudgetStatus.EXHAUSTED) {
			return Optional.empty();
		}
		return Optional.of(String.format(Locale.ROOT,
				"run-success error budget exhausted (remaining %.1f: %d of %d runs failed in %s, target %s)",
				budget.unclampedRemaining(), (long) (budget.total() - budget.good()), (long) budget.total(),
				budget.window(), budget.target()));
	}

}
