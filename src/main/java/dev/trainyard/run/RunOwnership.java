package dev.trainyard.run;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * One owner per run at a time. Every actor that starts or ends a run's execution —
 * launch, restart, resume, approval, the dead-run detector, ending a run — claims it
 * first: a compare-and-set on the run's owner token, which only one process wins. A run
 * whose owner is alive cannot be claimed, whatever Spring Batch's status says.
 * <p>
 * An owner is dead when its heartbeat is older than {@code trainyard.runs.dead-after} by
 * the database's clock (so clocks of hosts that differ do not matter), or at once when it
 * ran on this host and its process is gone, or when it is this process and this process
 * no longer holds the run.
 */
@Component
class RunOwnership {

	private final RunRepository runs;

	private final ActiveRuns active;

	private final Duration deadAfter;

	RunOwnership(RunRepository runs, ActiveRuns active, RunProperties properties) {
		this.runs = runs;
		this.active = active;
		this.deadAfter = properties.deadAfter();
	}

	/**
	 * Makes this process the owner of {@code run} (as just read).
	 * @throws RunConflictException when its owner is alive, or another process claimed it
	 * first
	 */
	ActiveRun claim(RunRecord run) {
		ActiveRun claimed = new ActiveRun(run.runId(), run.ownerToken() + 1);
		if (!this.active.add(claimed)) {
			throw stillRunning(run);
		}
		try {
			if (run.isOwned() && isAlive(run, this.runs.now(), claimed)) {
				throw stillRunning(run);
			}
			if (!this.runs.claim(run.runId(), run.ownerToken(), ProcessOwner.current())) {
				throw new RunConflictException(
						"run " + run.runId() + " of " + run.pipeline() + " was just taken over by another process");
			}
			claimed.claimed();
			return claimed;
		}
		catch (RuntimeException ex) {
			this.active.remove(claimed);
			throw ex;
		}
	}

	private static RunConflictException stillRunning(RunRecord run) {
		return new RunConflictException("run " + run.runId() + " of " + run.pipeline() + " is still running in "
				+ ((run.owner() != null) ? run.owner() : "this process") + " (last heartbeat " + run.heartbeatAt()
				+ ")");
	}

	/** Gives a run up (its owner token stays, so nobody's older claim works again). */
	void release(ActiveRun run) {
		try {
			this.runs.release(run.runId(), run.token());
		}
		finally {
			this.active.remove(run);
		}
	}

	/** Whether the run has an owner that is alive now ({@code now}: the database's). */
	boolean isAlive(RunRecord run, Instant now) {
		return isAlive(run, now, null);
	}

	private boolean isAlive(RunRecord run, Instant now, ActiveRun claiming) {
		ProcessOwner owner = run.owner();
		if (owner == null) {
			return false;
		}
		if (owner.isCurrentProcess()) {
			return this.active.find(run.runId()).filter((held) -> held != claiming).isPresent();
		}
		if (owner.isGoneFromThisHost()) {
			return false;
		}
		return run.heartbeatAt() != null && !run.heartbeatAt().isBefore(now.minus(this.deadAfter));
	}

}
