package dev.trainyard.run;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code prepare-data}: reads, checks, fingerprints and splits the dataset, and freezes
 * in the job's context what every later execution of the run must reuse: the dataset's
 * fingerprint, and what the run's {@link RunTrainer} needs (for XGBoost its number of
 * classes, the thread count and the parameters; for a command trainer its argv).
 */
@Component
class PrepareDataTasklet implements Tasklet {

	private final RunContexts contexts;

	private final RunTrainers trainers;

	PrepareDataTasklet(RunContexts contexts, RunTrainers trainers) {
		this.contexts = contexts;
		this.trainers = trainers;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		JobExecution execution = Steps.job(chunk);
		RunContext run = this.contexts.get(execution);
		TrainingData data = this.contexts.data(execution);
		execution.getExecutionContext().putString(RunKeys.FINGERPRINT, data.prepared().fingerprint());
		this.trainers.of(run.definition()).prepare(execution, run, data);
		contribution.incrementReadCount();
		return RepeatStatus.FINISHED;
	}

}
