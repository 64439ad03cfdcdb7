package dev.trainyard.run;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * How a run trains, evaluates and hands its candidate over: the one interface of the
 * built-in XGBoost trainer ({@link XgboostRunTrainer}) and of command trainers
 * ({@link CommandRunTrainer}, CONTRACT §7). The job and its steps are the same for both;
 * each step asks {@link RunTrainers} for the run's trainer and leaves the rest to it.
 * Whatever the trainer, {@code train} leaves in the job's context the candidate's
 * {@link RunKeys#MODEL_SHA256} and {@link RunKeys#MODEL_ROUND}, and {@code evaluate} its
 * {@link RunKeys#METRICS} (and the champion's, when there is one to compare with).
 */
interface RunTrainer {

	/**
	 * {@code prepare-data}, once the data are read: freezes in the job's context what
	 * every later execution of the run must reuse, {@link RunKeys#PARAMS} (the version's
	 * lineage) at least.
	 */
	void prepare(JobExecution execution, RunContext run, TrainingData data);

	/**
	 * One chunk of {@code train}, in its transaction: {@code CONTINUABLE} after each
	 * checkpoint it recorded (or to let the step commit), {@code FINISHED} once the
	 * candidate is there.
	 */
	RepeatStatus train(StepContribution contribution, StepExecution step, RunContext run, ActiveRun owner);

	/** {@code evaluate}: the candidate's metrics, and the champion's to compare with. */
	void evaluate(JobExecution execution, RunContext run);

	/** The candidate {@code gate} registers. */
	Candidate candidate(RunContext run, ExecutionContext job);

	/**
	 * A candidate model: its bytes, or for a set of files the manifest's bytes and the
	 * key it is stored under already.
	 */
	record Candidate(byte[] model, String storedKey) {
	}

}
