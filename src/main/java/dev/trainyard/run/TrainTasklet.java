package dev.trainyard.run;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code train}: one chunk per checkpoint, by the run's {@link RunTrainer} (XGBoost in
 * this process, or a command trainer's process), only while this process holds the run.
 */
@Component
class TrainTasklet implements Tasklet {

	private final RunContexts contexts;

	private final ActiveRuns active;

	private final RunTrainers trainers;

	TrainTasklet(RunContexts contexts, ActiveRuns active, RunTrainers trainers) {
		this.contexts = contexts;
		this.active = active;
		this.trainers = trainers;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		StepExecution step = Steps.step(chunk);
		RunContext run = this.contexts.get(step.getJobExecution());
		ActiveRun owner = this.active.current().orElseThrow(() -> new OwnershipLostException(run.runId()));
		return this.trainers.of(run.definition()).train(contribution, step, run, owner);
	}

}
