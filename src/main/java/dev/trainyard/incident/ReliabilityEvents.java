package dev.trainyard.incident;

import java.util.Locale;

import dev.trainyard.checkpoint.CheckpointFoundCorrupt;
import dev.trainyard.registry.ChampionChanged;
import dev.trainyard.registry.PromotionFailed;
import dev.trainyard.run.DatasetRejected;
import dev.trainyard.run.GateFailed;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunFinished;
import dev.trainyard.slo.ErrorBudget;
import dev.trainyard.slo.ErrorBudgetExhausted;
import dev.trainyard.slo.ErrorBudgetRecovered;
import dev.trainyard.slo.FreshnessChanged;
import dev.trainyard.slo.RunOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens and resolves incidents from the events of the other modules, in any process (the
 * CLI's too). Events of runs, checkpoints and the registry are handled in a transaction
 * of their own and never fail their publisher; the slo module's are handled in the
 * transaction that recorded the status change, so neither is lost without the other.
 */
@Component
class ReliabilityEvents {

	private static final Logger log = LoggerFactory.getLogger(ReliabilityEvents.class);

	private final IncidentRecorder recorder;

	private final IncidentRepository repository;

	private final RunOutcomes outcomes;

	private final TransactionTemplate separateTransaction;

	ReliabilityEvents(IncidentRecorder recorder, IncidentRepository repository, RunOutcomes outcomes,
			PlatformTransactionManager transactionManager) {
		this.recorder = recorder;
		this.repository = repository;
		this.outcomes = outcomes;
		this.separateTransaction = new TransactionTemplate(transactionManager);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * A run that ended: its outcome counts for the run-success budget (as of its end), a
	 * failure opens or repeats {@code TRAINING_FAILURE}, any other outcome clears what it
	 * disproves. A run stopped before its end (SIGTERM, a stop over REST) has no outcome:
	 * it counts when it ends after its resume. Nor has a failed run whose run-level
	 * restart is due: it counts (and opens an incident) when that restart fails for good,
	 * or as the success it ends with. A failure with no restart left counts as failed,
	 * transient or not; a later restart by hand that ends well replaces it (the budget
	 * counts a run's latest outcome).
	 */
	@EventListener
	void runFinished(RunFinished run) {
		if (run.outcome() == null) {
			log.debug("Run {} of {} was stopped: it counts once it ends", run.runId(), run.pipeline());
			return;
		}
		if (run.restartPending()) {
			log.debug("Run {} of {} failed with a run-level restart due: it counts once it ends", run.runId(),
					run.pipeline());
			return;
		}
		separately(run.pipeline(), run, () -> {
			Outcome outcome = run.outcome();
			this.outcomes.record(run.pipeline(), run.runId(), outcome.name(), run.endedAt());
			String detail = "run " + run.runId() + " ended " + run.status() + " with outcome " + outcome
					+ ((run.failureKind() != null) ? " (" + run.failureKind() + ")" : "");
			if (outcome == Outcome.FAILED) {
				this.recorder.raise(new Signal(run.pipeline(), IncidentType.TRAINING_FAILURE,
						"Runs of " + run.pipeline() + " fail", detail));
				this.repository.countFailedRun(run.pipeline(), IncidentType.TRAINING_FAILURE);
				return;
			}
			this.recorder.clear(run.pipeline(), IncidentType.TRAINING_FAILURE, detail);
			this.recorder.clear(run.pipeline(), IncidentType.DATA_QUALITY, detail + ": its data was accepted");
			if (outcome == Outcome.PROMOTED || outcome == Outcome.AWAITING_APPROVAL) {
				this.recorder.clear(run.pipeline(), IncidentType.MODEL_DEGRADATION,
						detail + ": its candidate passed every gate");
			}
		});
	}

	@EventListener
	void gateFailed(GateFailed gate) {
		if (gate.againstChampion()) {
			separately(gate.pipeline(), gate,
					() -> this.recorder.raise(new Signal(gate.pipeline(), IncidentType.MODEL_DEGRADATION,
							"Candidates of " + gate.pipeline() + " are worse than the champion",
							"run " + gate.runId() + " failed " + String.join("; ", gate.failedGates()))));
		}
	}

	@EventListener
	void datasetRejected(DatasetRejected rejected) {
		separately(rejected.pipeline(), rejected,
				() -> this.recorder.raise(new Signal(rejected.pipeline(), IncidentType.DATA_QUALITY,
						"The dataset of " + rejected.pipeline() + " is rejected",
						"run " + rejected.runId() + ": " + rejected.reason())));
	}

	@EventListener
	void checkpointFoundCorrupt(CheckpointFoundCorrupt corrupt) {
		separately(corrupt.pipeline(), corrupt,
				() -> this.recorder.raise(new Signal(corrupt.pipeline(), IncidentType.CHECKPOINT_CORRUPTION,
						"A checkpoint of " + corrupt.pipeline() + " is corrupt", "run " + corrupt.runId() + ", round "
								+ corrupt.round() + " at " + corrupt.location() + ": " + corrupt.reason())));
	}

	@EventListener
	void promotionFailed(PromotionFailed failed) {
		separately(failed.pipeline(), failed,
				() -> this.recorder.raise(new Signal(failed.pipeline(), IncidentType.PROMOTION_FAILURE,
						"Promotion of " + failed.pipeline() + " fails", "version " + failed.version() + " of run "
								+ failed.runId() + " could not be published: " + failed.reason())));
	}

	@EventListener
	void championChanged(ChampionChanged change) {
		separately(change.pipeline(), change,
				() -> this.recorder.clear(change.pipeline(), IncidentType.PROMOTION_FAILURE,
						"champion is now version " + change.toVersion() + " ("
								+ change.action().toLowerCase(Locale.ROOT) + " by " + change.actor() + ")"));
	}

	@EventListener
	void freshnessChanged(FreshnessChanged change) {
		String age = "model age " + change.modelAgeSeconds() + "s, max-age " + change.maxAgeSeconds() + "s (version "
				+ change.championVersion() + ")";
		switch (change.to()) {
			case VIOLATED -> this.recorder.raise(new Signal(change.pipeline(), IncidentType.FRESHNESS, Severity.SEV2,
					"The model of " + change.pipeline() + " is stale", "freshness VIOLATED: " + age,
					change.modelAgeSeconds()));
			case WARNING -> this.recorder.raise(new Signal(change.pipeline(), IncidentType.FRESHNESS, Severity.SEV4,
					"The model of " + change.pipeline() + " is getting stale", "freshness WARNING: " + age,
					change.modelAgeSeconds()));
			case OK -> this.recorder.clear(change.pipeline(), IncidentType.FRESHNESS, "freshness OK again: " + age);
			case NO_MODEL -> {
			}
		}
	}

	@EventListener
	void errorBudgetExhausted(ErrorBudgetExhausted exhausted) {
		Severity severity = ErrorBudget.FRESHNESS.equals(exhausted.slo()) ? Severity.SEV1 : Severity.SEV2;
		this.recorder.raise(new Signal(exhausted.pipeline(), IncidentType.ERROR_BUDGET_EXHAUSTED, severity,
				"An error budget of " + exhausted.pipeline() + " is exhausted",
				String.format(Locale.ROOT, "%s error budget exhausted (remaining %.2f, target %s)", exhausted.slo(),
						exhausted.remaining(), exhausted.target()),
				null));
	}

	@EventListener
	void errorBudgetRecovered(ErrorBudgetRecovered recovered) {
		if (recovered.stillExhausted().isEmpty()) {
			this.recorder.clear(recovered.pipeline(), IncidentType.ERROR_BUDGET_EXHAUSTED, String.format(Locale.ROOT,
					"%s error budget recovered (%.2f left)", recovered.slo(), recovered.remaining()));
		}
	}

	/** Handles an event in a transaction of its own; a failure is logged, not thrown. */
	private void separately(String pipeline, Object event, Runnable handler) {
		try {
			this.separateTransaction.executeWithoutResult((status) -> handler.run());
		}
		catch (RuntimeException ex) {
			log.error("Could not record the incident for {} of {}: {}", event, pipeline, ex.toString(), ex);
		}
	}

}
