package dev.trainyard.run;

import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.XgboostTrainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code prepare-data}: reads, checks, fingerprints and splits the dataset, and freezes
 * in the job's context what every later execution of the run must reuse: the dataset's
 * fingerprint, its number of classes, the thread count and the XGBoost parameters.
 */
@Component
class PrepareDataTasklet implements Tasklet {

	private final RunContexts contexts;

	private final XgboostTrainer trainer;

	private final JsonMapper json;

	PrepareDataTasklet(RunContexts contexts, XgboostTrainer trainer, JsonMapper json) {
		this.contexts = contexts;
		this.trainer = trainer;
		this.json = json;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		JobExecution execution = Steps.job(chunk);
		ExecutionContext job = execution.getExecutionContext();
		TrainingData data = this.contexts.data(execution);
		if (!job.containsKey(RunKeys.THREADS)) {
			job.putInt(RunKeys.THREADS, this.trainer.defaultThreads());
		}
		job.putString(RunKeys.FINGERPRINT, data.prepared().fingerprint());
		job.putInt(RunKeys.NUM_CLASSES, data.prepared().numClasses());
		TrainingPlan plan = this.contexts.plan(execution);
		job.putInt(RunKeys.TRAIN_ROUNDS, plan.rounds());
		job.putString(RunKeys.PARAMS, this.json.writeValueAsString(plan.params()));
		contribution.incrementReadCount();
		return RepeatStatus.FINISHED;
	}

}
