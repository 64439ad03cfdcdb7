package dev.trainyard.run;

import java.time.Clock;
import java.time.Instant;

import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The owner's side of a run's execution. When it starts: takes it over for the thread
 * that executes it (the claim its caller made), records it started (clearing an earlier
 * outcome only now that the restart succeeded) and puts the run in the logs' MDC. At
 * every step: records the step, and stops the run at the boundary when it was asked to
 * (not before {@code promote}: a promotion is all or nothing). When it ends: records the
 * end as {@link RunEnds} derives it, the one writer of the outcome inside the job.
 */
@Component
class RunJobListener implements JobExecutionListener, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunJobListener.class);

	private final RunRepository runs;

	private final ActiveRuns active;

	private final ModelRegistry registry;

	private final Checkpoints checkpoints;

	private final RunEvents events;

	private final RunRestarts restarts;

	private final RunContexts contexts;

	private final Clock clock;

	RunJobListener(RunRepository runs, ActiveRuns active, ModelRegistry registry, Checkpoints checkpoints,
			RunEvents events, RunRestarts restarts, RunContexts contexts, Clock clock) {
		this.restarts = restarts;
		this.contexts = contexts;
		this.runs = runs;
		this.active = active;
		this.registry = registry;
		this.checkpoints = checkpoints;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		String runId = Steps.runId(execution);
		ActiveRun run = this.active.current()
			.filter((held) -> held.runId().equals(runId))
			.orElseThrow(() -> new IllegalStateException("run " + runId + " was started without being claimed"));
		run.bind(execution.getId(), Thread.currentThread());
		if (!this.runs.started(runId, run.token(), execution.getJobInstance().getInstanceId(), execution.getId())) {
			throw new OwnershipLostException(runId);
		}
		RunRecord record = this.runs.find(runId).orElseThrow();
		MDC.put("runId", runId);
		MDC.put("pipeline", record.pipeline());
		log.info("Run {} of {} started (execution {})", runId, record.pipeline(), execution.getId());
	}

	@Override
	public void beforeStep(StepExecution step) {
		ActiveRun run = this.active.current().orElse(null);
		RunStep name = RunStep.of(step.getStepName()).orElse(null);
		if (run == null || name == null) {
			return;
		}
		this.runs.step(run.runId(), run.token(), name);
		if (run.stopReason() != null) {
			log.info("Run {} stops before {}: {}", run.runId(), name, run.stopReason());
			step.setTerminateOnly();
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution step) {
		return step.getExitStatus();
	}

	@Override
	public void afterJob(JobExecution execution) {
		String runId = Steps.runId(execution);
		ActiveRun run = this.active.current().orElse(null);
		if (run == null || !runId.equals(run.runId())) {
			return;
		}
		RunRecord record = this.runs.find(runId).orElseThrow();
		Integer version = this.registry.findByRun(runId).map(ModelVersion::version).orElse(null);
		RunEnd end = RunEnds.of(execution, version);
		Instant now = this.clock.instant();
		if (!this.runs.ended(runId, run.token(), end, now)) {
			log.warn("Run {} is held by another process now; this process does not record how its execution ended",
					runId);
			return;
		}
		if (version != null && (end.outcome() == Outcome.PROMOTED || end.outcome() == Outcome.AWAITING_APPROVAL)) {
			this.checkpoints.releaseFinishedRun(runId);
		}
		Instant restartAt = (end.state() == RunStatus.FAILED) ? this.restarts.scheduleAfterFailure(record,
				end.failureKind(), this.contexts.get(execution).definition().retry(), end.waitBeforeRetry()) : null;
		this.events.finished(record, end, now, restartAt != null, RunEnds.firstFailure(execution));
		log.info("Run {} of {} ended {} with outcome {}", runId, record.pipeline(), end.state(), end.outcome());
	}

}
