package dev.trainyard.run;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code evaluate}: the candidate's metrics on the validation split and, when there is a
 * champion, the champion's to compare with, by the run's {@link RunTrainer}.
 */
@Component
class EvaluateTasklet implements Tasklet {

	private final RunContexts contexts;

	private final RunTrainers trainers;

	EvaluateTasklet(RunContexts contexts, RunTrainers trainers) {
		this.contexts = contexts;
		this.trainers = trainers;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		JobExecution execution = Steps.job(chunk);
		RunContext run = this.contexts.get(execution);
		this.trainers.of(run.definition()).evaluate(execution, run);
		return RepeatStatus.FINISHED;
	}

}
