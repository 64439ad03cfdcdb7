package dev.trainyard.run;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The bulkhead of the server: at most {@code trainyard.runs.max-concurrent} runs execute
 * at once in one server; launches and restarts beyond wait as {@code QUEUED}, first in
 * first out, in the database (so the queue survives a restart and any server sharing the
 * database may take the next run), and start as slots free. Beyond
 * {@code trainyard.runs.max-queued} waiting runs a launch is refused. The CLI has no
 * queue: its one run starts at once.
 */
@Component
class RunQueue {

	private static final Logger log = LoggerFactory.getLogger(RunQueue.class);

	private final RunRepository runs;

	private final RunLauncher launcher;

	private final RunOwnership ownership;

	private final DeadRuns deadRuns;

	private final ActiveRuns active;

	private final Executions executions;

	private final RunProperties properties;

	private final Clock clock;

	RunQueue(RunRepository runs, RunLauncher launcher, RunOwnership ownership, DeadRuns deadRuns, ActiveRuns active,
			Executions executions, RunProperties properties, Clock clock) {
		this.executions = executions;
		this.runs = runs;
		this.launcher = launcher;
		this.ownership = ownership;
		this.deadRuns = deadRuns;
		this.active = active;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The state a launch records: {@code QUEUED} in the server, {@code STARTING} in the
	 * CLI.
	 */
	RunStatus launchState(String pipeline) {
		if (!this.properties.asynchronous()) {
			return RunStatus.STARTING;
		}
		if (this.active.executing() >= this.properties.maxConcurrent()) {
			int queued = this.runs.countQueued();
			if (queued >= this.properties.maxQueued()) {
				throw new RunQueueFullException(pipeline, queued, this.properties.maxConcurrent());
			}
		}
		return RunStatus.QUEUED;
	}

	/** A run just recorded in {@link #launchState}: started, now or when a slot frees. */
	void launch(RunRecord run) {
		if (run.state() == RunStatus.QUEUED) {
			dispatch();
		}
		else {
			this.launcher.start(run);
		}
	}

	/**
	 * Restarts a run, now (CLI) or through the queue (server). A run whose owner died is
	 * recovered first; one whose owner is alive is refused.
	 */
	void restart(RunRecord run, RunAction action, String actor, boolean automatic) {
		if (!this.properties.asynchronous()) {
			this.launcher.restart(run, action, actor, automatic);
			return;
		}
		RunRecord free = recovered(run);
		ActiveRun claim = this.ownership.claim(free);
		try {
			this.runs.restarting(run.runId(), claim.token(), automatic);
			this.runs.recordAction(run.runId(), action, actor,
					automatic ? RunLauncher.restartDetail(free, this.executions.latest(free).orElse(null)) : null,
					this.clock.instant());
		}
		finally {
			this.ownership.release(claim);
		}
		if (!this.runs.queue(run.runId(), this.clock.instant())) {
			throw new RunConflictException("run " + run.runId() + " could not join the queue: another process acted"
					+ " on it at the same moment");
		}
		dispatch();
	}

	/**
	 * Tells the run's execution in this process, if any, to stop at its next checkpoint.
	 */
	void stopping(String runId, String actor) {
		this.launcher.stopping(runId, actor);
	}

	/** Takes a waiting run out of the queue: it ends {@code STOPPED}, resumable. */
	boolean unqueue(String runId) {
		return this.runs.unqueue(runId, this.clock.instant());
	}

	/** Starts queued runs, oldest first, while this server has free slots. */
	synchronized void dispatch() {
		if (!this.properties.asynchronous()) {
			return;
		}
		int free = this.properties.maxConcurrent() - this.active.executing();
		if (free <= 0) {
			return;
		}
		List<RunRecord> next = this.runs.queued(free + 2);
		for (RunRecord run : next) {
			if (this.active.executing() >= this.properties.maxConcurrent()) {
				return;
			}
			try {
				this.launcher.restart(run, null, null, false);
			}
			catch (RunConflictException ex) {
				log.debug("Queued run {} was taken by another process: {}", run.runId(), ex.getMessage());
			}
		}
	}

	@EventListener
	void executionEnded(RunExecutionEnded ended) {
		try {
			dispatch();
		}
		catch (RuntimeException ex) {
			log.warn("Could not start the next queued run: {}", ex.getMessage());
		}
	}

	/** A run whose owner died, made claimable (failed) first. */
	private RunRecord recovered(RunRecord run) {
		if (!run.isOwned() && !run.state().isRunning()) {
			return run;
		}
		ActiveRun claim = this.ownership.claim(run);
		try {
			this.deadRuns.recover(run, this.runs.find(run.runId()).orElseThrow());
		}
		finally {
			this.ownership.release(claim);
		}
		return this.runs.find(run.runId()).orElseThrow();
	}

}
