package dev.trainyard.slo;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the run-success budget counts: the latest outcome of each finished run (a run that
 * failed, was restarted and then succeeded counts once, as a success). Recording one
 * re-evaluates the pipeline's budgets, in the caller's transaction.
 */
@Service
public class RunOutcomes {

	/** The outcome that spends the run-success budget. */
	public static final String FAILED = "FAILED";

	private final RunOutcomeRepository repository;

	private final SloEvaluator evaluator;

	RunOutcomes(RunOutcomeRepository repository, SloEvaluator evaluator) {
		this.repository = repository;
		this.evaluator = evaluator;
	}

	/**
	 * @param outcome {@code PROMOTED}, {@code AWAITING_APPROVAL}, {@code REJECTED} or
	 * {@value #FAILED}
	 */
	@Transactional
	public void record(String pipeline, String runId, String outcome, Instant endedAt) {
		this.repository.record(pipeline, runId, String.valueOf(outcome), FAILED.equals(outcome), endedAt);
		this.evaluator.evaluate(pipeline);
	}

}
