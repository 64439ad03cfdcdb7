package dev.trainyard.run;

import java.util.Optional;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.checkpoint.VerifiedCheckpoint;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.XgboostTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code train}: one segment of {@code checkpoint-every} rounds per chunk. Each chunk
 * writes its checkpoint blob, then records it in the same transaction as the step's
 * execution context. A restarted step continues from the newest checkpoint that verifies.
 */
@Component
class TrainTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(TrainTasklet.class);

	private final RunContexts contexts;

	private final XgboostTrainer trainer;

	private final Checkpoints checkpoints;

	private final Retries retries;

	private final ApplicationEventPublisher events;

	TrainTasklet(RunContexts contexts, XgboostTrainer trainer, Checkpoints checkpoints, Retries retries,
			ApplicationEventPublisher events) {
		this.contexts = contexts;
		this.trainer = trainer;
		this.checkpoints = checkpoints;
		this.retries = retries;
		this.events = events;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		StepExecution step = Steps.step(chunk);
		ExecutionContext state = step.getExecutionContext();
		RunContext run = this.contexts.get(step.getJobExecution());
		if (state.getLong(RunKeys.TRAIN_STEP_EXECUTION, -1L) != step.getId()) {
			resume(run, state, step.getId());
		}
		TrainingPlan plan = run.plan();
		int from = state.getInt(RunKeys.TRAIN_ROUND);
		if (from < plan.rounds()) {
			int to = plan.segmentEnd(from);
			if (run.session().round() != from) {
				throw new IllegalStateException("the training session of run " + run.runId() + " is at round "
						+ run.session().round() + " but the step is at round " + from);
			}
			byte[] model = run.session().next();
			CheckpointRef ref = this.retries.call(run.definition(), "train",
					() -> this.checkpoints.save(run.pipeline(), run.runId(), to, model));
			run.model(model, ref);
			state.putInt(RunKeys.TRAIN_ROUND, to);
			contribution.incrementWriteCount(1);
			this.events.publishEvent(new TrainingProgressed(run.pipeline(), run.runId(), to, plan.rounds(), ref));
			if (to < plan.rounds()) {
				return RepeatStatus.CONTINUABLE;
			}
		}
		ExecutionContext job = step.getJobExecution().getExecutionContext();
		job.putString(RunKeys.MODEL_SHA256, run.modelRef().sha256());
		job.putInt(RunKeys.MODEL_ROUND, run.modelRef().round());
		return RepeatStatus.FINISHED;
	}

	private void resume(RunContext run, ExecutionContext state, long stepExecutionId) {
		Optional<VerifiedCheckpoint> checkpoint = this.retries.call(run.definition(), "train",
				() -> this.checkpoints.latestVerified(run.runId()));
		int round = checkpoint.map((verified) -> verified.ref().round()).orElse(0);
		byte[] model = checkpoint.map(VerifiedCheckpoint::bytes).orElse(null);
		run.model(model, checkpoint.map(VerifiedCheckpoint::ref).orElse(null));
		run.session(this.trainer.session(run.plan(), run.train(), model, round));
		state.putLong(RunKeys.TRAIN_STEP_EXECUTION, stepExecutionId);
		state.putInt(RunKeys.TRAIN_START_ROUND, round);
		state.putInt(RunKeys.TRAIN_ROUND, round);
		if (checkpoint.isPresent()) {
			log.info("Resuming training of run {} from the verified checkpoint at round {} ({})", run.runId(), round,
					checkpoint.get().ref().location());
		}
	}

}
