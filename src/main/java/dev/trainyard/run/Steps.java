package dev.trainyard.run;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the job's steps (each named by its {@link RunStep}, each watched by the run's
 * listener), and the small accessors the tasklets share.
 */
final class Steps {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final RunJobListener listener;

	Steps(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunJobListener listener) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.listener = listener;
	}

	/**
	 * @param everyExecution whether the step runs again in every execution of a run, also
	 * after it completed in an earlier one
	 */
	Step step(RunStep step, Tasklet tasklet, boolean everyExecution) {
		return new StepBuilder(step.stepName(), this.jobRepository).tasklet(tasklet, this.transactionManager)
			.listener(this.listener)
			.allowStartIfComplete(everyExecution)
			.build();
	}

	static StepExecution step(ChunkContext chunk) {
		return chunk.getStepContext().getStepExecution();
	}

	static JobExecution job(ChunkContext chunk) {
		return step(chunk).getJobExecution();
	}

	static ExecutionContext jobContext(ChunkContext chunk) {
		return job(chunk).getExecutionContext();
	}

	static String runId(JobExecution execution) {
		return execution.getJobParameters().getString(RunKeys.RUN_ID);
	}

}
