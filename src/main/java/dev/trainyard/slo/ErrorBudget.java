package dev.trainyard.slo;

import java.time.Duration;

/**
 * One error budget of a pipeline over its rolling window.
 *
 * @param slo {@value #RUN_SUCCESS} or {@value #FRESHNESS}
 * @param target the objective's target share (e.g. 0.95)
 * @param window the rolling window, ISO-8601 (e.g. {@code PT720H})
 * @param remaining the share of the budget left, clamped to 0..1
 * @param consumed the share of the budget used; more than 1 when overspent
 * @param good good runs, or seconds within {@code max-age}, in the window
 * @param total finished runs, or seconds measured, in the window
 */
public record ErrorBudget(String slo, double target, String window, double remaining, double consumed,
		BudgetStatus status, double good, double total) {

	public static final String RUN_SUCCESS = "run-success";

	public static final String FRESHNESS = "freshness";

	/**
	 * @param bad failed runs or seconds out of the objective
	 * @param allowed the failures or seconds the objective allows (the whole budget)
	 */
	static ErrorBudget of(String slo, double target, Duration window, double good, double total, double bad,
			double allowed) {
		double consumed = (bad <= 0) ? 0 : ((allowed > 0) ? bad / allowed : Double.POSITIVE_INFINITY);
		double remaining = 1 - consumed;
		return new ErrorBudget(slo, target, window.toString(), Math.max(0, Math.min(1, remaining)), consumed,
				BudgetStatus.of(remaining), good, total);
	}

	/** The remaining share before clamping: negative when the budget is overspent. */
	public double unclampedRemaining() {
		return 1 - this.consumed;
	}

}
