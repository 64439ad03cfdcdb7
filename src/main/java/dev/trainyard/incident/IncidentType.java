package dev.trainyard.incident;

/**
 * What went wrong, each with its usual severity (the README's severity table).
 */
public enum IncidentType {

	/** A run failed after its retries; the champion keeps serving. */
	TRAINING_FAILURE(Severity.SEV3),
	/** A run's dataset was rejected. */
	DATA_QUALITY(Severity.SEV3),
	/** A candidate failed a gate against the champion: new data makes worse models. */
	MODEL_DEGRADATION(Severity.SEV3),
	/**
	 * The champion is older than {@code max-age} ({@code SEV2}); older than
	 * {@code warn-age}: {@code SEV4}.
	 */
	FRESHNESS(Severity.SEV2),
	/** A promotion failed: a good model cannot reach production. */
	PROMOTION_FAILURE(Severity.SEV2),
	/** A stored checkpoint did not verify. */
	CHECKPOINT_CORRUPTION(Severity.SEV3),
	/** An error budget is used up: run-success {@code SEV2}, freshness {@code SEV1}. */
	ERROR_BUDGET_EXHAUSTED(Severity.SEV2);

	private final Severity severity;

	IncidentType(Severity severity) {
		this.severity = severity;
	}

	public Severity severity() {
		return this.severity;
	}

}
