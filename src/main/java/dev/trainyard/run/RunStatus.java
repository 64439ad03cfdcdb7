package dev.trainyard.run;

/**
 * Where a run is: waiting in the queue, or Spring Batch's status of its latest job
 * execution ({@code STARTING} before it has one).
 */
public enum RunStatus {

	/**
	 * Waiting in the run queue for a free slot (at most
	 * {@code trainyard.runs.max-concurrent} run at once).
	 */
	QUEUED,
	/** Recorded; its job execution does not exist yet or is being created. */
	STARTING,
	/** Training or checking in a process right now. */
	STARTED,
	/** Asked to stop; ends at its next checkpoint. */
	STOPPING,
	/** Stopped before the end (by a user, or to wait for approval); resumable. */
	STOPPED,
	/** Failed; resumable from its newest checkpoint. */
	FAILED,
	/** Ran to its end. */
	COMPLETED,
	/** Ended for good (rejected, expired, superseded); cannot be restarted. */
	ABANDONED,
	/** Spring Batch could not tell (an execution whose process lost its state). */
	UNKNOWN;

	/** Whether an execution of the run is on its way (starting, training, stopping). */
	public boolean isRunning() {
		return this == STARTING || this == STARTED || this == STOPPING;
	}

	/** Whether the run is running or waits in the queue to run. */
	public boolean isActive() {
		return this == QUEUED || isRunning();
	}

}
