package dev.trainyard.run;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code promote}: makes the run's approved version the champion and records the change,
 * in the step's transaction, so a restarted promotion changes the champion once.
 */
@Component
class PromoteTasklet implements Tasklet {

	private final ModelRegistry registry;

	private final RunRepository runs;

	PromoteTasklet(ModelRegistry registry, RunRepository runs) {
		this.registry = registry;
		this.runs = runs;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		String runId = Steps.runId(Steps.job(chunk));
		RunRecord run = this.runs.find(runId).orElseThrow();
		ModelVersion version = this.registry.findByRun(runId)
			.orElseThrow(() -> new IllegalStateException("run " + runId + " has no registered model version"));
		if (version.state() != VersionState.APPROVED && version.state() != VersionState.PROMOTED) {
			throw new IllegalStateException(run.pipeline() + " version " + version.version() + " is " + version.state()
					+ ", not APPROVED: it cannot be promoted");
		}
		String actor = (version.decidedBy() != null) ? version.decidedBy()
				: (run.launchedBy() != null) ? run.launchedBy() : "trainyard";
		String reason = (version.decisionComment() != null) ? version.decisionComment()
				: "passed every gate; automatic promotion";
		this.registry.promote(run.pipeline(), version.version(), actor, reason, runId);
		this.runs.setOutcome(runId, Outcome.PROMOTED.name(), version.version());
		return RepeatStatus.FINISHED;
	}

}
