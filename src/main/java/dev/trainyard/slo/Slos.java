package dev.trainyard.slo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The slo module's facade: every pipeline's freshness and error budgets, computed now,
 * and the error-budget policy: while a pipeline's run-success budget is exhausted (by its
 * other runs), a candidate that its {@code approval: auto} would promote needs approval
 * instead, until the budget recovers.
 * {@code trainyard.slo.policy.require-approval-when-exhausted=false} turns the policy
 * off.
 */
@Service
public class Slos {

	private final PipelineCatalog catalog;

	private final Freshness freshness;

	private final ErrorBudgets budgets;

	private final Clock clock;

	private final boolean policyEnabled;

	Slos(PipelineCatalog catalog, Freshness freshness, ErrorBudgets budgets, Clock clock, SloProperties properties) {
		this.catalog = catalog;
		this.freshness = freshness;
		this.budgets = budgets;
		this.clock = clock;
		this.policyEnabled = properties.policy().requireApprovalWhenExhausted();
	}

	/** The valid pipelines of the jobs dir, by name. */
	public List<SloReport> all() {
		return this.catalog.all().stream().map(this::of).toList();
	}

	public SloReport of(PipelineDefinition definition) {
		return of(definition, this.freshness.of(definition));
	}

	/** The report of a pipeline whose freshness the caller has already read. */
	public SloReport of(PipelineDefinition definition, ModelFreshness freshness) {
		Instant now = this.clock.instant();
		Duration age = freshness.age(now);
		return new SloReport(definition.name(), freshness.status(now), seconds(age), seconds(freshness.maxAge()),
				seconds(freshness.warnAge()), freshness.championVersion(), freshness.trainedAt(),
				freshness.lastTrainedAt(), this.budgets.of(definition, now));
	}

	private static Long seconds(Duration duration) {
		return (duration != null) ? duration.toSeconds() : null;
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
		if (!this.policyEnabled) {
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
