package dev.trainyard.run;

/**
 * A launch found every slot busy and the run queue full
 * ({@code trainyard.runs.max-queued}); nothing was recorded. Try again later.
 */
public class RunQueueFullException extends RuntimeException {

	private final int queued;

	RunQueueFullException(String pipeline, int queued, int maxConcurrent) {
		super("every slot is busy (" + maxConcurrent + " runs at once) and " + queued + " runs already wait in the"
				+ " queue; the run of " + pipeline + " was not launched: try again later");
		this.queued = queued;
	}

	/** How many runs waited when the launch was refused. */
	public int queued() {
		return this.queued;
	}

}
