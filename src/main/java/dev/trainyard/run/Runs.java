package dev.trainyard.run;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.VersionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The run module's facade: launch, resume, restart, stop, end and look at runs. Every one
 * of these that starts or ends an execution claims the run first ({@link RunOwnership}),
 * so at most one process executes a run at a time.
 */
@Service
public class Runs {

	private static final Logger log = LoggerFactory.getLogger(Runs.class);

	private final RunRepository runs;

	private final PipelineCatalog catalog;

	private final RunQueue queue;

	private final RunViews views;

	private final RunTermination termination;

	private final RunContexts contexts;

	private final ModelRegistry registry;

	private final RunShutdown shutdown;

	private final Clock clock;

	Runs(RunRepository runs, PipelineCatalog catalog, RunQueue queue, RunViews views, RunTermination termination,
			RunContexts contexts, ModelRegistry registry, RunShutdown shutdown, Clock clock) {
		this.shutdown = shutdown;
		this.runs = runs;
		this.catalog = catalog;
		this.queue = queue;
		this.views = views;
		this.termination = termination;
		this.contexts = contexts;
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * Starts a new run of a pipeline with its current file. In the server this returns at
	 * once (the run starts when a slot is free, {@code QUEUED} until then); in the CLI
	 * when the run has ended.
	 * @throws RunQueueFullException when every slot is busy and the queue is full
	 */
	public RunView launch(String pipeline, String actor) {
		PipelineDefinition definition = this.catalog.get(pipeline);
		String runId = UUID.randomUUID().toString();
		this.runs.insert(runId, definition.name(), definition.source().toAbsolutePath().toString(), definition.text(),
				actor, this.queue.launchState(pipeline), this.clock.instant());
		this.runs.recordAction(runId, RunAction.LAUNCH, actor, null, this.clock.instant());
		log.info("Launching run {} of {} for {}", runId, pipeline, actor);
		this.queue.launch(record(runId));
		return view(runId);
	}

	/**
	 * Continues the newest run of a pipeline when it failed, was stopped or its process
	 * died; a run that is still alive elsewhere is left alone. Idempotent: when the
	 * newest run has already ended (or waits for an approver), nothing changes and that
	 * run is returned as it is.
	 */
	public RunView resumeLatest(String pipeline, String actor) {
		this.catalog.get(pipeline);
		RunRecord run = this.runs.findRecent(pipeline, null, null, 1)
			.stream()
			.findFirst()
			.orElseThrow(() -> new RunNotFoundException("pipeline " + pipeline + " has no run to resume"));
		if (hasEnded(run)) {
			log.info("The newest run of {}, {}, already ended {} with outcome {}; there is nothing to resume", pipeline,
					run.runId(), run.state(), run.outcome());
			return this.views.view(run);
		}
		return restart(run.runId(), actor);
	}

	/**
	 * Restarts a run from its last verified checkpoint, first recovering it when its
	 * process died mid-run.
	 */
	public RunView restart(String runId, String actor) {
		return restart(runId, actor, RunAction.RESTART);
	}

	/**
	 * Restarts a run, recording {@code action} (such as {@link RunAction#APPROVE}) as
	 * what the actor did.
	 */
	public RunView restart(String runId, String actor, RunAction action) {
		RunRecord run = record(runId);
		checkRestartable(run);
		this.queue.restart(run, action, actor, false);
		return view(runId);
	}

	/**
	 * The run-level restart of a run that failed transiently and has one due (the CLI
	 * waits for it; the server's queue takes them by itself).
	 */
	public RunView restartAfterTransientFailure(String runId) {
		RunRecord run = record(runId);
		if (run.nextAttemptAt() == null || run.state() != RunStatus.FAILED) {
			throw new RunConflictException("run " + runId + " has no run-level restart pending");
		}
		this.queue.restart(run, RunAction.RESTART, RunTermination.TRAINYARD, true);
		return view(runId);
	}

	/**
	 * Asks a run that is starting or training to stop at its next checkpoint (or step);
	 * it ends {@code STOPPED}, resumable. A run that promotes is not stopped: a promotion
	 * is all or nothing.
	 */
	public RunView stop(String runId, String actor) {
		record(runId);
		if (this.queue.unqueue(runId)) {
			this.runs.recordAction(runId, RunAction.STOP, actor, "taken out of the queue", this.clock.instant());
			log.info("Run {} taken out of the queue by {}", runId, actor);
			return view(runId);
		}
		if (this.runs.requestStop(runId, actor)) {
			this.queue.stopping(runId, actor);
			this.runs.recordAction(runId, RunAction.STOP, actor, null, this.clock.instant());
			log.info("Stop of run {} requested by {}", runId, actor);
			return view(runId);
		}
		RunRecord now = record(runId);
		if (now.state() == RunStatus.STOPPING) {
			return view(runId);
		}
		if (now.step() == RunStep.PROMOTE && now.state().isRunning()) {
			throw new RunConflictException(
					"run " + runId + " is promoting its model, which is all or nothing; it" + " cannot be stopped now");
		}
		throw new RunConflictException("run " + runId + " is " + now.state() + "; there is nothing to stop");
	}

	/**
	 * The orderly stop of a shutdown ({@code SIGTERM}): every run this process executes
	 * stops at its next checkpoint, or is recorded stopped at its last one past
	 * {@code trainyard.runs.stop-grace}.
	 * @return the runs recorded stopped without reaching a checkpoint
	 */
	public List<String> stopForShutdown() {
		return this.shutdown.stopAll();
	}

	/**
	 * Ends a run that waits (for approval) for good, together with {@code decision} (the
	 * version's new state) in one transaction: rejected, expired or superseded.
	 */
	public void end(String runId, Outcome outcome, String actor, String why, Runnable decision) {
		this.termination.end(runId, outcome, actor, why, decision);
	}

	/**
	 * The pipeline definition a run started with (its file as it was then).
	 */
	public PipelineDefinition definition(String runId) {
		return this.contexts.definition(record(runId));
	}

	public Optional<RunView> find(String runId) {
		return this.runs.find(runId).map(this.views::view);
	}

	/**
	 * Runs, newest first, optionally of one pipeline and with one status (a run status
	 * such as {@code COMPLETED} or an outcome such as {@code PROMOTED}).
	 */
	public List<RunView> list(String pipeline, String status, int limit) {
		List<RunStatus> states = (status != null && isStatus(status)) ? List.of(RunStatus.valueOf(status)) : null;
		Outcome outcome = (status != null && states == null) ? Outcome.valueOf(status) : null;
		return this.runs.findRecent(pipeline, states, outcome, limit).stream().map(this.views::view).toList();
	}

	private boolean hasEnded(RunRecord run) {
		return run.state() == RunStatus.COMPLETED || run.state() == RunStatus.ABANDONED
				|| (run.state() == RunStatus.STOPPED && run.outcome() == Outcome.AWAITING_APPROVAL && !isApproved(run));
	}

	private void checkRestartable(RunRecord run) {
		if (run.state() == RunStatus.COMPLETED || run.state() == RunStatus.ABANDONED) {
			throw new RunConflictException("run " + run.runId() + " of " + run.pipeline() + " already ended "
					+ run.state() + " with outcome " + run.outcome() + "; there is nothing to resume");
		}
		if (run.state() == RunStatus.STOPPED && run.outcome() == Outcome.AWAITING_APPROVAL && !isApproved(run)) {
			throw new RunConflictException("run " + run.runId() + " of " + run.pipeline() + " is awaiting approval of"
					+ " version " + run.modelVersion() + "; approve or reject that version instead");
		}
	}

	private boolean isApproved(RunRecord run) {
		return this.registry.findByRun(run.runId())
			.map((version) -> version.state() == VersionState.APPROVED)
			.orElse(false);
	}

	private static boolean isStatus(String status) {
		for (RunStatus candidate : RunStatus.values()) {
			if (candidate.name().equals(status)) {
				return true;
			}
		}
		return false;
	}

	private RunRecord record(String runId) {
		return this.runs.find(runId).orElseThrow(() -> new RunNotFoundException("there is no run " + runId));
	}

	private RunView view(String runId) {
		return this.views.view(record(runId));
	}

}
