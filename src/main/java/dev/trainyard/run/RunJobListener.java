package dev.trainyard.run;

import java.time.Clock;

import dev.trainyard.checkpoint.Checkpoints;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Claims a run for this process when its job execution starts (heartbeat, MDC), and
 * records the outcome and frees the run's memory when it ends.
 */
@Component
class RunJobListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunJobListener.class);

	private final RunRepository runs;

	private final RunHeartbeat heartbeat;

	private final RunContexts contexts;

	private final MeterRegistry meterRegistry;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Checkpoints checkpoints;

	RunJobListener(RunRepository runs, RunHeartbeat heartbeat, RunContexts contexts, MeterRegistry meterRegistry,
			ApplicationEventPublisher events, Clock clock, Checkpoints checkpoints) {
		this.checkpoints = checkpoints;
		this.runs = runs;
		this.heartbeat = heartbeat;
		this.contexts = contexts;
		this.meterRegistry = meterRegistry;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		String runId = Steps.runId(execution);
		RunRecord run = this.runs.find(runId).orElseThrow();
		MDC.put("runId", runId);
		MDC.put("pipeline", run.pipeline());
		this.runs.setJobInstance(runId, execution.getJobInstance().getInstanceId());
		this.runs.claim(runId, ProcessOwner.current(), this.clock.instant());
		this.heartbeat.track(runId);
		log.info("Run {} of {} started (execution {})", runId, run.pipeline(), execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		String runId = Steps.runId(execution);
		try {
			this.heartbeat.untrack(runId);
			this.contexts.evict(runId);
			RunRecord run = this.runs.find(runId).orElseThrow();
			String outcome = run.outcome();
			if (execution.getStatus() == BatchStatus.FAILED || (execution.getStatus() == BatchStatus.STOPPED
					&& !Outcome.AWAITING_APPROVAL.name().equals(outcome))) {
				outcome = Outcome.FAILED.name();
				this.runs.setOutcome(runId, outcome, null);
			}
			if (run.modelVersion() != null && (execution.getStatus() == BatchStatus.COMPLETED
					|| Outcome.AWAITING_APPROVAL.name().equals(outcome))) {
				this.checkpoints.releaseFinishedRun(runId);
			}
			this.meterRegistry.counter("trainyard.runs", "pipeline", run.pipeline(), "outcome", String.valueOf(outcome))
				.increment();
			this.events.publishEvent(
					new RunFinished(run.pipeline(), runId, execution.getStatus().name(), outcome, run.modelVersion()));
			log.info("Run {} of {} ended {} with outcome {}", runId, run.pipeline(), execution.getStatus(), outcome);
		}
		finally {
			MDC.remove("runId");
			MDC.remove("pipeline");
		}
	}

}
