package dev.trainyard.slo;

/**
 * How much of an error budget is left: {@code HEALTHY} (at least half), {@code WARNING}
 * (less than half), {@code CRITICAL} (less than a quarter), {@code EXHAUSTED} (none).
 */
public enum BudgetStatus {

	HEALTHY, WARNING, CRITICAL, EXHAUSTED;

	/**
	 * @param remaining the share of the budget left (1 untouched, 0 or less used up)
	 */
	public static BudgetStatus of(double remaining) {
		if (remaining <= 0) {
			return EXHAUSTED;
		}
		if (remaining < 0.25) {
			return CRITICAL;
		}
		return (remaining < 0.5) ? WARNING : HEALTHY;
	}

}
