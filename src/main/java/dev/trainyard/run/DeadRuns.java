package dev.trainyard.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.trainyard.failure.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one dead-run detector (as db-scheduler's {@code detectDeadExecutions}): a run that
 * looks executed (claimed, or in a running state) whose owner is dead (see
 * {@link RunOwnership}) is claimed — by exactly one process — and marked {@code FAILED},
 * its Spring Batch execution recovered ({@code JobOperator.recover}), and its run-level
 * restart is due at once (a server takes it over; it counts against
 * {@code retry.max-run-restarts}). Used by the server every two heartbeats and at its
 * start, and by {@code resume} and restarts for the run they continue.
 */
@Component
class DeadRuns {

	static final String OWNER_DIED = "OWNER_DIED";

	private static final Logger log = LoggerFactory.getLogger(DeadRuns.class);

	private final RunRepository runs;

	private final RunOwnership ownership;

	private final Executions executions;

	private final ObjectProvider<JobOperator> jobOperator;

	private final RunRestarts restarts;

	private final RunContexts contexts;

	private final Clock clock;

	DeadRuns(RunRepository runs, RunOwnership ownership, Executions executions, ObjectProvider<JobOperator> jobOperator,
			RunRestarts restarts, RunContexts contexts, Clock clock) {
		this.restarts = restarts;
		this.contexts = contexts;
		this.runs = runs;
		this.ownership = ownership;
		this.executions = executions;
		this.jobOperator = jobOperator;
		this.clock = clock;
	}

	/**
	 * Marks every run whose owner died {@code FAILED}.
	 * @return their ids
	 */
	List<String> recoverAll() {
		Instant now = this.runs.now();
		List<String> recovered = new ArrayList<>();
		for (RunRecord run : this.runs.findHeld()) {
			if (this.ownership.isAlive(run, now)) {
				continue;
			}
			try {
				ActiveRun claim = this.ownership.claim(run);
				try {
					if (recover(run, this.runs.find(run.runId()).orElseThrow())) {
						recovered.add(run.runId());
					}
				}
				finally {
					this.ownership.release(claim);
				}
			}
			catch (RunConflictException ex) {
				log.debug("Run {} was recovered by another process: {}", run.runId(), ex.getMessage());
			}
		}
		return recovered;
	}

	/**
	 * Recovers a run that the caller has claimed from a dead owner: when it looked
	 * executed, it and its execution are marked failed; when its owner recorded its end
	 * but died before Spring Batch did, only the execution is.
	 * @param before the run as it was before the claim (whose owner died)
	 * @param run the run as it is now, claimed
	 * @return whether there was anything to recover
	 */
	boolean recover(RunRecord before, RunRecord run) {
		JobExecution last = this.executions.latest(run).orElse(null);
		boolean batchRunning = last != null && last.isRunning();
		if (batchRunning) {
			this.jobOperator.getObject().recover(last);
		}
		if (!run.state().isRunning()) {
			return batchRunning;
		}
		Instant now = this.clock.instant();
		ProcessOwner owner = before.owner();
		String who = (owner == null) ? "a process that is gone" : owner.isCurrentProcess()
				? "this process (its execution ended without recording its end)" : owner.toString();
		this.runs.endOutsideTheJob(run.runId(), RunStatus.FAILED, Outcome.FAILED, FailureKind.TRANSIENT, OWNER_DIED,
				now);
		this.runs.recordAction(run.runId(), RunAction.RECOVER, RunTermination.TRAINYARD,
				"its owner, " + who + ", stopped executing it while it was " + run.state(), now);
		log.warn("Run {} of {} was left {} by {}, which no longer executes it; marked FAILED (a restart continues it)",
				run.runId(), run.pipeline(), run.state(), who);
		this.restarts.scheduleAfterFailure(run, FailureKind.TRANSIENT, this.contexts.definition(run).retry(), null);
		return true;
	}

}
