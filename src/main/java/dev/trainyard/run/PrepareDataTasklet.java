package dev.trainyard.run;

import dev.trainyard.training.XgboostTrainer;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code prepare-data}: reads, checks, fingerprints and splits the dataset, and freezes
 * the settings a restart must reuse (the thread count).
 */
@Component
class PrepareDataTasklet implements Tasklet {

	private final RunContexts contexts;

	private final XgboostTrainer trainer;

	PrepareDataTasklet(RunContexts contexts, XgboostTrainer trainer) {
		this.contexts = contexts;
		this.trainer = trainer;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		ExecutionContext job = Steps.jobContext(chunk);
		if (!job.containsKey(RunKeys.THREADS)) {
			job.putInt(RunKeys.THREADS, this.trainer.defaultThreads());
		}
		RunContext run = this.contexts.get(Steps.job(chunk));
		job.putString(RunKeys.FINGERPRINT, run.data().fingerprint());
		job.putInt(RunKeys.TRAIN_ROUNDS, run.plan().rounds());
		contribution.incrementReadCount();
		return RepeatStatus.FINISHED;
	}

}
