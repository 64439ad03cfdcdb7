package dev.trainyard.run;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.checkpoint.VerifiedCheckpoint;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.XgboostTrainer;
import dev.trainyard.validation.EvaluationException;
import dev.trainyard.validation.ModelEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The built-in trainer: XGBoost in this process, one segment of {@code checkpoint-every}
 * rounds per chunk. Each chunk writes its checkpoint blob, then records it in the same
 * transaction as the step's execution context, and only while this process still holds
 * the run (its owner token is checked in that transaction). A restarted step continues
 * from the newest checkpoint that verifies. Between segments the run stops when it was
 * asked to (the step ends {@code STOPPED}, resumable from the checkpoint just written)
 * and fails when it ran past {@code trainer.timeout} (counted from when this execution's
 * training began, once its data and checkpoint were loaded; a segment in progress ends
 * first). The candidate and the champion are evaluated on the same validation rows.
 */
@Component
class XgboostRunTrainer implements RunTrainer {

	private static final Logger log = LoggerFactory.getLogger(XgboostRunTrainer.class);

	private final RunContexts contexts;

	private final RunRepository runs;

	private final XgboostTrainer trainer;

	private final Checkpoints checkpoints;

	private final CandidateModels candidates;

	private final ModelEvaluator evaluator;

	private final ModelRegistry registry;

	private final Retries retries;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	XgboostRunTrainer(RunContexts contexts, RunRepository runs, XgboostTrainer trainer, Checkpoints checkpoints,
			CandidateModels candidates, ModelEvaluator evaluator, ModelRegistry registry, Retries retries,
			ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.contexts = contexts;
		this.runs = runs;
		this.trainer = trainer;
		this.checkpoints = checkpoints;
		this.candidates = candidates;
		this.evaluator = evaluator;
		this.registry = registry;
		this.retries = retries;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public void prepare(JobExecution execution, RunContext run, TrainingData data) {
		ExecutionContext job = execution.getExecutionContext();
		if (!job.containsKey(RunKeys.THREADS)) {
			job.putInt(RunKeys.THREADS, this.trainer.defaultThreads());
		}
		job.putInt(RunKeys.NUM_CLASSES, data.prepared().numClasses());
		TrainingPlan plan = this.contexts.plan(execution);
		job.putInt(RunKeys.TRAIN_ROUNDS, plan.rounds());
		job.putString(RunKeys.PARAMS, this.json.writeValueAsString(plan.params()));
	}

	@Override
	public RepeatStatus train(StepContribution contribution, StepExecution step, RunContext run, ActiveRun owner) {
		JobExecution execution = step.getJobExecution();
		ExecutionContext state = step.getExecutionContext();
		TrainingPlan plan = this.contexts.plan(execution);
		if (state.getLong(RunKeys.TRAIN_STEP_EXECUTION, -1L) != step.getId()) {
			resume(execution, run, plan, state, step.getId());
			Duration timeout = run.definition().trainer().timeout();
			if (timeout != null) {
				owner.deadline(this.clock.instant(), timeout);
			}
		}
		int from = state.getInt(RunKeys.TRAIN_ROUND);
		if (from < plan.rounds()) {
			if (TrainStops.stops(owner, step, "round", from, this.clock.instant())) {
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

	@Override
	public void evaluate(JobExecution execution, RunContext run) {
		ExecutionContext job = execution.getExecutionContext();
		TrainingData data = this.contexts.data(execution);
		Objective objective = run.definition().trainer().objective();
		Map<String, Double> metrics = this.evaluator.evaluate(this.candidates.model(run, job), objective,
				data.validation());
		job.putString(RunKeys.METRICS, this.json.writeValueAsString(metrics));
		log.info("Candidate of run {}: {}", run.runId(), metrics);
		Optional<ModelVersion> champion = this.registry.champion(run.pipeline());
		if (champion.isPresent()) {
			try {
				Map<String, Double> championMetrics = this.evaluator.evaluate(this.registry.artifact(champion.get()),
						objective, data.validation());
				job.putInt(RunKeys.CHAMPION_VERSION, champion.get().version());
				job.putString(RunKeys.CHAMPION_METRICS, this.json.writeValueAsString(championMetrics));
				log.info("Champion version {} on the same data: {}", champion.get().version(), championMetrics);
			}
			catch (EvaluationException ex) {
				log.warn(
						"Champion version {} of {} cannot be evaluated on this data ({}); gates compare with no champion",
						champion.get().version(), run.pipeline(), ex.getMessage());
			}
		}
	}

	@Override
	public Candidate candidate(RunContext run, ExecutionContext job) {
		return new Candidate(this.candidates.model(run, job), null);
	}

}
