package dev.trainyard.run;

/**
 * What somebody (or Trainyard) did to a run, as its {@code actions} record it.
 */
public enum RunAction {

	/** A new run was launched. */
	LAUNCH,
	/** A stopped or failed run was started again from its newest checkpoint. */
	RESTART,
	/** Somebody asked the run to stop. */
	STOP,
	/** The candidate was approved; the run continues at {@code promote}. */
	APPROVE,
	/** The run was ended for good (rejected, expired, superseded). */
	END,
	/** A run whose process died was found and marked failed. */
	RECOVER

}
