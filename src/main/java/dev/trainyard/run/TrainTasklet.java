package dev.trainyard.run;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.checkpoint.VerifiedCheckpoint;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.XgboostTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
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
 * execution context, and only while this process still holds the run (its owner token is
 * checked in that transaction). A restarted step continues from the newest checkpoint
 * that verifies. Between segments the run stops when it was asked to (the step ends
 * {@code STOPPED}, resumable from the checkpoint just written) and fails when it ran past
 * {@code trainer.timeout} (counted from when this execution's training began, once its
 * data and checkpoint were loaded; a segment in progress ends first).
 */
@Component
class TrainTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(TrainTasklet.class);

	private final RunContexts contexts;

	private final ActiveRuns active;

	private final RunRepository runs;

	private final XgboostTrainer trainer;

	private final Checkpoints checkpoints;

	private final Retries retries;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TrainTasklet(RunContexts contexts, ActiveRuns active, RunRepository runs, XgboostTrainer trainer,
			Checkpoints checkpoints, Retries retries, ApplicationEventPublisher events, Clock clock) {
		this.contexts = contexts;
		this.active = active;
		this.runs = runs;
		this.trainer = trainer;
		this.checkpoints = checkpoints;
		this.retries = retries;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		StepExecution step = Steps.step(chunk);
		JobExecution execution = step.getJobExecution();
		ExecutionContext state = step.getExecutionContext();
		RunContext run = this.contexts.get(execution);
		TrainingPlan plan = this.contexts.plan(execution);
		ActiveRun owner = this.active.current().orElseThrow(() -> new OwnershipLostException(run.runId()));
		if (state.getLong(RunKeys.TRAIN_STEP_EXECUTION, -1L) != step.getId()) {
			resume(execution, run, plan, state, step.getId());
			Duration timeout = run.definition().trainer().timeout();
			if (timeout != null) {
				owner.deadline(this.clock.instant(), timeout);
			}
		}
		int from = state.getInt(RunKeys.TRAIN_ROUND);
		if (from < plan.rounds()) {
			if (stops(owner, step, from)) {
				return RepeatStatus.CONTINUABLE;
			}
			int to = plan.segmentEnd(from);
			if (run.session().round() != from) {
				throw new IllegalStateException("the training session of run " + run.runId() + " is at round "
						+ run.session().round() + " but the step is at round " + from);
			}
			byte[] model = run.session().next();
			CheckpointRef ref = this.retries.call(run.definition(), RunStep.TRAIN,
					() -> this.checkpoints.save(run.pipeline(), run.runId(), to, model));
			if (!this.runs.heartbeat(run.runId(), owner.token())) {
				throw new OwnershipLostException(run.runId());
			}
			run.model(model, ref);
			state.putInt(RunKeys.TRAIN_ROUND, to);
			contribution.incrementWriteCount(1);
			this.events.publishEvent(new TrainingProgressed(run.pipeline(), run.runId(), to, plan.rounds(), ref));
			if (to < plan.rounds()) {
				return RepeatStatus.CONTINUABLE;
			}
		}
		ExecutionContext job = execution.getExecutionContext();
		job.putString(RunKeys.MODEL_SHA256, run.modelRef().sha256());
		job.putInt(RunKeys.MODEL_ROUND, run.modelRef().round());
		return RepeatStatus.FINISHED;
	}

	/**
	 * Whether the run must stop before its next segment: when asked to, the step ends
	 * {@code STOPPED}; when this process lost the run, or it ran past its timeout, the
	 * step fails.
	 */
	private boolean stops(ActiveRun owner, StepExecution step, int round) {
		ActiveRun.StopReason reason = owner.stopReason();
		if (reason == ActiveRun.StopReason.LOST) {
			throw new OwnershipLostException(owner.runId());
		}
		if (reason != null) {
			log.info("Run {} stops at round {} ({} by {})", owner.runId(), round, reason, owner.stopActor());
			step.setTerminateOnly();
			return true;
		}
		if (owner.deadline() != null && this.clock.instant().isAfter(owner.deadline())) {
			throw new RunTimedOutException(owner.runId(), owner.timeout(), round);
		}
		return false;
	}

	private void resume(JobExecution execution, RunContext run, TrainingPlan plan, ExecutionContext state,
			long stepExecutionId) {
		TrainingData data = this.contexts.data(execution);
		Optional<VerifiedCheckpoint> checkpoint = this.retries.call(run.definition(), RunStep.TRAIN,
				() -> this.checkpoints.latestVerified(run.runId()));
		int round = checkpoint.map((verified) -> verified.ref().round()).orElse(0);
		byte[] model = checkpoint.map(VerifiedCheckpoint::bytes).orElse(null);
		run.model(model, checkpoint.map(VerifiedCheckpoint::ref).orElse(null));
		run.session(this.trainer.session(plan, data.train(), model, round));
		state.putLong(RunKeys.TRAIN_STEP_EXECUTION, stepExecutionId);
		state.putInt(RunKeys.TRAIN_START_ROUND, round);
		state.putInt(RunKeys.TRAIN_ROUND, round);
		if (checkpoint.isPresent()) {
			log.info("Resuming training of run {} from the verified checkpoint at round {} ({})", run.runId(), round,
					checkpoint.get().ref().location());
		}
	}

}
