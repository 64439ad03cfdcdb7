package dev.trainyard.run;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Small accessors the tasklets share.
 */
final class Steps {

	private Steps() {
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
