package dev.trainyard.slo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates pipelines' SLOs and publishes what changed ({@link FreshnessChanged},
 * {@link ErrorBudgetExhausted}, {@link ErrorBudgetRecovered}) in the transaction that
 * records the new status, so a change is neither lost nor published twice.
 */
@Component
class SloEvaluator {

	static final String FRESHNESS_STATE = "freshness-status";

	private static final Logger log = LoggerFactory.getLogger(SloEvaluator.class);

	private final PipelineCatalog catalog;

	private final Slos slos;

	private final SloStateRepository states;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final TransactionTemplate separateTransaction;

	private final Clock clock;

	SloEvaluator(PipelineCatalog catalog, Slos slos, SloStateRepository states, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.catalog = catalog;
		this.slos = slos;
		this.states = states;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
		this.separateTransaction = new TransactionTemplate(transactionManager);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Evaluates every valid pipeline; one that fails is logged and skipped. */
	List<SloReport> evaluateAll() {
		List<SloReport> reports = new ArrayList<>();
		for (PipelineDefinition definition : this.catalog.all()) {
			try {
				reports.add(evaluate(definition));
			}
			catch (RuntimeException ex) {
				log.warn("Could not evaluate the SLOs of {}: {}", definition.name(), ex.toString());
			}
		}
		return reports;
	}

	/**
	 * Evaluates one pipeline, if its file is there and valid, in the caller's
	 * transaction.
	 */
	Optional<SloReport> evaluate(String pipeline) {
		return evaluate(pipeline, this.transaction);
	}

	/**
	 * Evaluates one pipeline in a transaction of its own (for a listener called after
	 * another transaction committed).
	 */
	Optional<SloReport> evaluateSeparately(String pipeline) {
		return evaluate(pipeline, this.separateTransaction);
	}

	private Optional<SloReport> evaluate(String pipeline, TransactionTemplate transaction) {
		try {
			return Optional.of(evaluate(this.catalog.get(pipeline), transaction));
		}
		catch (PipelineNotFoundException | InvalidPipelineException ex) {
			return Optional.empty();
		}
	}

	SloReport evaluate(PipelineDefinition definition) {
		return evaluate(definition, this.transaction);
	}

	private SloReport evaluate(PipelineDefinition definition, TransactionTemplate transaction) {
		return transaction.execute((status) -> {
			SloReport report = this.slos.of(definition);
			Instant now = this.clock.instant();
			String pipeline = report.pipeline();
			String before = this.states.status(pipeline, FRESHNESS_STATE).orElse(null);
			if (changed(pipeline, FRESHNESS_STATE, before, report.status().name(), now)) {
				this.events.publishEvent(new FreshnessChanged(pipeline,
						(before != null) ? FreshnessStatus.valueOf(before) : null, report.status(),
						report.championVersion(), report.modelAgeSeconds(), report.maxAgeSeconds(), now));
			}
			for (ErrorBudget budget : report.budgets()) {
				budgetChanged(report, budget, now);
			}
			return report;
		});
	}

	private void budgetChanged(SloReport report, ErrorBudget budget, Instant now) {
		String pipeline = report.pipeline();
		String before = this.states.status(pipeline, budget.slo()).orElse(null);
		if (!changed(pipeline, budget.slo(), before, budget.status().name(), now)) {
			return;
		}
		boolean wasExhausted = BudgetStatus.EXHAUSTED.name().equals(before);
		if (budget.status() == BudgetStatus.EXHAUSTED) {
			log.warn("The {} error budget of {} is exhausted (remaining {})", budget.slo(), pipeline,
					budget.unclampedRemaining());
			this.events.publishEvent(new ErrorBudgetExhausted(pipeline, budget.slo(), budget.unclampedRemaining(),
					budget.target(), now));
		}
		else if (wasExhausted) {
			log.info("The {} error budget of {} has recovered ({} left)", budget.slo(), pipeline, budget.remaining());
			List<String> still = report.budgets()
				.stream()
				.filter((other) -> other.status() == BudgetStatus.EXHAUSTED)
				.map(ErrorBudget::slo)
				.toList();
			this.events.publishEvent(new ErrorBudgetRecovered(pipeline, budget.slo(), budget.remaining(), still, now));
		}
	}

	private boolean changed(String pipeline, String slo, String before, String after, Instant now) {
		return !after.equals(before) && this.states.change(pipeline, slo, before, after, now);
	}

}
