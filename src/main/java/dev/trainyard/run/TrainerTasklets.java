package dev.trainyard.run;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * The two steps that hand the run to its {@link RunTrainer} and do nothing else:
 * {@code prepare-data} and {@code evaluate}.
 */
@Component
class TrainerTasklets {

	private final RunContexts contexts;

	private final RunTrainers trainers;

	TrainerTasklets(RunContexts contexts, RunTrainers trainers) {
		this.contexts = contexts;
		this.trainers = trainers;
	}

	/**
	 * {@code prepare-data}: reads, checks, fingerprints and splits the dataset, and
	 * freezes in the job's context what every later execution of the run must reuse: the
	 * dataset's fingerprint, and what the run's {@link RunTrainer} needs (for XGBoost its
	 * number of classes, the thread count and the parameters; for a command trainer its
	 * argv).
	 */
	Tasklet prepareData() {
		return (contribution, chunk) -> {
			JobExecution execution = Steps.job(chunk);
			RunContext run = this.contexts.get(execution);
			TrainingData data = this.contexts.data(execution);
			execution.getExecutionContext().putString(RunKeys.FINGERPRINT, data.prepared().fingerprint());
			this.trainers.of(run.definition()).prepare(execution, run, data);
			contribution.incrementReadCount();
			return RepeatStatus.FINISHED;
		};
	}

	/**
	 * {@code evaluate}: the candidate's metrics on the validation split and, when there
	 * is a champion, the champion's to compare with, by the run's {@link RunTrainer}.
	 */
	Tasklet evaluate() {
		return (contribution, chunk) -> {
			JobExecution execution = Steps.job(chunk);
			RunContext run = this.contexts.get(execution);
			this.trainers.of(run.definition()).evaluate(execution, run);
			return RepeatStatus.FINISHED;
		};
	}

}
