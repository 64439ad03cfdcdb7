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

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * The run module's facade: launch, resume, restart, stop and look at runs. Launching,
 * restarting, stopping and recovering go through Spring Batch's {@link JobOperator}.
 */
@Service
public class Runs {

	private static final Logger log = LoggerFactory.getLogger(Runs.class);

	private final RunRepository runs;

	private final PipelineCatalog catalog;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job pipelineJob;

	private final RunViews views;

	private final RunLiveness liveness;

	private final RunTermination termination;

	private final RunContexts contexts;

	private final ModelRegistry registry;

	private final Clock clock;

	Runs(RunRepository runs, PipelineCatalog catalog, JobOperator jobOperator, JobRepository jobRepository,
			Job pipelineJob, RunViews views, RunLiveness liveness, RunTermination termination, RunContexts contexts,
			ModelRegistry registry, Clock clock) {
		this.runs = runs;
		this.catalog = catalog;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.pipelineJob = pipelineJob;
		this.views = views;
		this.liveness = liveness;
		this.termination = termination;
		this.contexts = contexts;
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * Starts a new run of a pipeline with its current file. In the server this returns at
	 * once; in the CLI when the run has ended.
	 */
	public RunView launch(String pipeline, String actor) {
		PipelineDefinition definition = this.catalog.get(pipeline);
		String runId = UUID.randomUUID().toString();
		this.runs.insert(runId, definition.name(), definition.source().toAbsolutePath().toString(), definition.text(),
				actor, this.clock.instant());
		this.runs.recordAction(runId, "LAUNCH", actor, null, this.clock.instant());
		log.info("Launching run {} of {} for {}", runId, pipeline, actor);
		start(runId);
		return view(runId);
	}

	/**
	 * Continues the newest run of a pipeline when it failed, was stopped or its process
	 * died; a run that is still alive elsewhere is left alone.
	 */
	public RunView resumeLatest(String pipeline, String actor) {
		this.catalog.get(pipeline);
		RunRecord run = this.runs.findRecent(pipeline, 1)
			.stream()
			.findFirst()
			.orElseThrow(() -> new RunNotFoundException("pipeline " + pipeline + " has no run to resume"));
		return restart(run.runId(), actor);
	}

	/**
	 * Restarts a run from its last verified checkpoint, first recovering it when its
	 * process died mid-run.
	 */
	public RunView restart(String runId, String actor) {
		return restart(runId, actor, "RESTART");
	}

	/**
	 * Restarts a run, recording {@code action} (such as {@code APPROVE}) as what the
	 * actor did.
	 */
	public RunView restart(String runId, String actor, String action) {
		RunRecord run = record(runId);
		JobExecution last = this.views.lastExecution(run).orElse(null);
		if (last == null) {
			log.info("Run {} never started its job; starting it now", runId);
			this.runs.recordAction(runId, action, actor, null, this.clock.instant());
			start(runId);
			return view(runId);
		}
		checkRestartable(run, last);
		if (last.isRunning()) {
			log.warn("Run {} was left {} by {}, which is gone; recovering it", runId, last.getStatus(), run.owner());
			this.jobOperator.recover(last);
			last = this.jobRepository.getJobExecution(last.getId());
		}
		log.info("Restarting run {} of {} for {}", runId, run.pipeline(), actor);
		this.runs.recordAction(runId, action, actor, null, this.clock.instant());
		this.runs.setOutcome(runId, null, null);
		try {
			this.jobOperator.restart(last);
		}
		catch (JobRestartException ex) {
			throw new RunConflictException("run " + runId + " cannot be restarted: " + ex.getMessage());
		}
		return view(runId);
	}

	/**
	 * Asks a running run to stop at its next checkpoint.
	 */
	public RunView stop(String runId, String actor) {
		RunRecord run = record(runId);
		JobExecution last = this.views.lastExecution(run).orElse(null);
		if (last == null || !last.isRunning()) {
			throw new RunConflictException("run " + runId + " is not running");
		}
		try {
			this.jobOperator.stop(last);
		}
		catch (JobExecutionNotRunningException ex) {
			throw new RunConflictException("run " + runId + " cannot be stopped: " + ex.getMessage());
		}
		this.runs.recordAction(runId, "STOP", actor, null, this.clock.instant());
		log.info("Stop of run {} requested by {}", runId, actor);
		return view(runId);
	}

	/**
	 * Ends a run that waits for approval for good (rejected, expired or superseded): its
	 * execution is abandoned and its outcome recorded.
	 */
	public void end(String runId, Outcome outcome, String actor, String why) {
		this.termination.end(runId, outcome, actor, why);
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
	 * Runs, newest first, optionally of one pipeline and with one status (a job status
	 * such as {@code COMPLETED} or an outcome such as {@code PROMOTED}).
	 */
	public List<RunView> list(String pipeline, String status, int limit) {
		return this.runs.findRecent(pipeline, (status != null) ? Math.max(limit * 10, 500) : limit)
			.stream()
			.map(this.views::view)
			.filter((view) -> status == null || status.equalsIgnoreCase(view.status())
					|| status.equalsIgnoreCase(view.outcome()))
			.limit(limit)
			.toList();
	}

	private void checkRestartable(RunRecord run, JobExecution last) {
		if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
			throw new RunConflictException("run " + run.runId() + " of " + run.pipeline() + " already ended "
					+ last.getStatus() + " with outcome " + run.outcome() + "; there is nothing to resume");
		}
		if (last.getStatus() == BatchStatus.STOPPED && Outcome.AWAITING_APPROVAL.name().equals(run.outcome())
				&& !isApproved(run)) {
			throw new RunConflictException("run " + run.runId() + " of " + run.pipeline() + " is awaiting approval of"
					+ " version " + run.modelVersion() + "; approve or reject that version instead");
		}
		if (last.isRunning() && !this.liveness.isAbandoned(run, last)) {
			throw new RunConflictException("run " + run.runId() + " of " + run.pipeline() + " is still running in "
					+ run.owner() + " (last heartbeat " + run.heartbeatAt() + ")");
		}
	}

	private boolean isApproved(RunRecord run) {
		return this.registry.findByRun(run.runId())
			.map((version) -> version.state() == VersionState.APPROVED)
			.orElse(false);
	}

	private void start(String runId) {
		JobParameters parameters = new JobParametersBuilder().addString(RunKeys.RUN_ID, runId).toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.pipelineJob, parameters);
			this.runs.setJobInstance(runId, execution.getJobInstance().getInstanceId());
		}
		catch (JobExecutionAlreadyRunningException | JobRestartException | JobInstanceAlreadyCompleteException
				| InvalidJobParametersException ex) {
			throw new RunConflictException("run " + runId + " cannot be started: " + ex.getMessage());
		}
	}

	private RunRecord record(String runId) {
		return this.runs.find(runId).orElseThrow(() -> new RunNotFoundException("there is no run " + runId));
	}

	private RunView view(String runId) {
		return this.views.view(record(runId));
	}

}
