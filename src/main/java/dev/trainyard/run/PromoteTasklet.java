package dev.trainyard.run;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.PromotionFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code promote}: publishes the run's approved version as the champion, with the
 * pipeline's retries. The publication commits on its own and happens once per run, so a
 * restarted promotion changes the champion once; when it fails for good, everything still
 * names the previous champion, a {@link PromotionFailed} event goes out and the run
 * fails. Not stopped halfway: a stop asked for during promotion comes too late.
 */
@Component
class PromoteTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(PromoteTasklet.class);

	private final ModelRegistry registry;

	private final RunRepository runs;

	private final RunContexts contexts;

	private final Retries retries;

	private final ApplicationEventPublisher events;

	PromoteTasklet(ModelRegistry registry, RunRepository runs, RunContexts contexts, Retries retries,
			ApplicationEventPublisher events) {
		this.registry = registry;
		this.runs = runs;
		this.contexts = contexts;
		this.retries = retries;
		this.events = events;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		JobExecution execution = Steps.job(chunk);
		String runId = Steps.runId(execution);
		RunRecord run = this.runs.find(runId).orElseThrow();
		PipelineDefinition definition = this.contexts.get(execution).definition();
		ModelVersion version = this.registry.findByRun(runId)
			.orElseThrow(() -> new IllegalStateException("run " + runId + " has no registered model version"));
		String actor = (version.decidedBy() != null) ? version.decidedBy()
				: (run.launchedBy() != null) ? run.launchedBy() : RunTermination.TRAINYARD;
		String reason = (version.decisionComment() != null) ? version.decisionComment()
				: "passed every gate; automatic promotion";
		try {
			this.retries.call(definition, RunStep.PROMOTE,
					() -> this.registry.promote(run.pipeline(), version.version(), actor, reason, runId));
		}
		catch (RuntimeException ex) {
			log.error("Promotion of {} version {} failed; the previous champion stays: {}", run.pipeline(),
					version.version(), ex.getMessage());
			this.events.publishEvent(new PromotionFailed(run.pipeline(), version.version(), runId, ex.getMessage()));
			throw ex;
		}
		return RepeatStatus.FINISHED;
	}

}
