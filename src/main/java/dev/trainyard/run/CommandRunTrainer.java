package dev.trainyard.run;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.DirectoryCheckpoints;
import dev.trainyard.pipeline.PipelineDefinition.CommandSpec;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.store.StoredFileSet;
import dev.trainyard.training.command.CommandTrainerException;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.TrainerEvent;
import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import dev.trainyard.training.command.TrainerEvent.TrainerFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A command trainer (CONTRACT §7) driven by {@code train}: the split written once per run
 * as CSV, then a process started in the jobs dir, continuing from the newest checkpoint
 * that verifies. One chunk per checkpoint the process publishes: its files and manifest
 * are stored, then its row recorded in the chunk's transaction. Exit 0: the model
 * directory is stored (files, then manifest) as the candidate, its manifest's SHA-256 is
 * the {@code modelSha256}, the metrics file gives the metrics. Exit 75 starts the trainer
 * again from the newest checkpoint, up to {@code retry.max-attempts} times in the step
 * (then the run-level restarts take over); any other failure fails the step. A stop, a
 * shutdown or {@code trainer.timeout} ends its process tree ({@code SIGTERM}, then
 * {@code SIGKILL} after {@code trainer.stop-grace}). Its pid is recorded with the run,
 * and a trainer that a crashed process left behind is ended before a new one starts.
 */
@Component
class CommandRunTrainer implements RunTrainer {

	private static final Logger log = LoggerFactory.getLogger(CommandRunTrainer.class);

	private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
	};

	/**
	 * How long one wait for the trainer's next event lasts (stops are seen this often).
	 */
	private static final Duration POLL = Duration.ofMillis(200);

	/** How long a chunk waits for a checkpoint before it commits what it saw. */
	private static final Duration CHUNK = Duration.ofSeconds(2);

	private final RunContexts contexts;

	private final RunRepository runs;

	private final CommandAttempts attempts;

	private final DirectoryCheckpoints checkpoints;

	private final ModelRegistry registry;

	private final Retries retries;

	private final TrainerPids pids;

	private final CommandEvaluation evaluation;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	CommandRunTrainer(RunContexts contexts, RunRepository runs, CommandAttempts attempts,
			DirectoryCheckpoints checkpoints, ModelRegistry registry, Retries retries, TrainerPids pids,
			CommandEvaluation evaluation, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.contexts = contexts;
		this.runs = runs;
		this.attempts = attempts;
		this.checkpoints = checkpoints;
		this.registry = registry;
		this.retries = retries;
		this.pids = pids;
		this.evaluation = evaluation;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public void prepare(JobExecution execution, RunContext run, TrainingData data) {
		CommandSpec command = run.definition().trainer().command();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("command", command.argv());
		params.put("env", command.env());
		execution.getExecutionContext().putString(RunKeys.PARAMS, this.json.writeValueAsString(params));
		this.attempts.split(run, data);
	}

	@Override
	public RepeatStatus train(StepContribution contribution, StepExecution step, RunContext run, ActiveRun owner) {
		ExecutionContext state = step.getExecutionContext();
		CommandAttempt attempt = run.attempt();
		if (attempt == null || state.getLong(RunKeys.TRAIN_STEP_EXECUTION, -1L) != step.getId()) {
			this.attempts.endLeftover(run);
			Duration timeout = run.definition().trainer().timeout();
			if (timeout != null) {
				owner.deadline(this.clock.instant(), timeout);
			}
			attempt = this.attempts.start(step, run, owner, 1);
			state.putLong(RunKeys.TRAIN_STEP_EXECUTION, step.getId());
		}
		long until = System.nanoTime() + CHUNK.toNanos();
		while (true) {
			attempt.log().flush();
			progress(state, attempt);
			stopIfAsked(run, owner, attempt);
			Optional<TrainerEvent> event;
			try {
				event = attempt.process().next(POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				attempt.stop();
				throw new IllegalStateException("training of run " + run.runId() + " was interrupted", ex);
			}
			catch (CommandTrainerException ex) {
				attempt.log().flush();
				this.pids.clear(run.runId());
				if (ex.kind() == Kind.STOPPED && attempt.isStopping() && owner.stopReason() != null) {
					TrainStops.stops(owner, step, "step", state.getInt(RunKeys.TRAIN_ROUND), this.clock.instant());
					return RepeatStatus.CONTINUABLE;
				}
				if (ex.kind() == Kind.TIMED_OUT) {
					throw new RunTimedOutException(run.runId(), owner.timeout(), state.getInt(RunKeys.TRAIN_ROUND));
				}
				attempt = retry(step, run, owner, attempt, ex);
				continue;
			}
			if (event.isPresent() && event.get() instanceof CheckpointReady checkpoint) {
				record(contribution, state, run, owner, attempt, checkpoint);
				return RepeatStatus.CONTINUABLE;
			}
			if (event.isPresent() && event.get() instanceof TrainerFinished finished) {
				finish(step.getJobExecution(), state, run, owner, attempt, finished);
				return RepeatStatus.FINISHED;
			}
			if (System.nanoTime() - until > 0) {
				return RepeatStatus.CONTINUABLE;
			}
		}
	}

	/**
	 * Starts the trainer again after an exit 75, with the pipeline's backoff, from the
	 * newest checkpoint; rethrows any other failure, and exit 75 past
	 * {@code retry.max-attempts}.
	 */
	private CommandAttempt retry(StepExecution step, RunContext run, ActiveRun owner, CommandAttempt attempt,
			CommandTrainerException failure) {
		RetrySpec retry = run.definition().retry();
		if (failure.kind() != Kind.TRANSIENT || attempt.number() >= retry.maxAttempts() || owner.stopReason() != null) {
			throw failure;
		}
		Duration backoff = this.retries.retrying(run.definition(), RunStep.TRAIN, attempt.number());
		log.warn(
				"Trainer of run {} failed transiently (attempt {} of {}), starting it again in {} from its newest"
						+ " checkpoint: {}",
				run.runId(), attempt.number(), retry.maxAttempts(), backoff,
				failure.getMessage().lines().findFirst().orElse(""));
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
		return this.attempts.start(step, run, owner, attempt.number() + 1);
	}

	private void stopIfAsked(RunContext run, ActiveRun owner, CommandAttempt attempt) {
		ActiveRun.StopReason reason = owner.stopReason();
		if (reason == null || attempt.isStopping()) {
			return;
		}
		log.info("Run {} stops its trainer (pid {}): {} by {}", run.runId(), attempt.process().pid(), reason,
				owner.stopActor());
		attempt.stop();
		if (reason == ActiveRun.StopReason.LOST) {
			throw new OwnershipLostException(run.runId());
		}
	}

	private void progress(ExecutionContext state, CommandAttempt attempt) {
		if (attempt.total() > 0) {
			state.putInt(RunKeys.TRAIN_ROUNDS, attempt.total());
		}
		if (attempt.step() > state.getInt(RunKeys.TRAIN_ROUND, 0)) {
			state.putInt(RunKeys.TRAIN_ROUND, attempt.step());
		}
	}

	private void record(StepContribution contribution, ExecutionContext state, RunContext run, ActiveRun owner,
			CommandAttempt attempt, CheckpointReady checkpoint) {
		CheckpointRef ref = this.retries.call(run.definition(), RunStep.TRAIN,
				() -> this.checkpoints.save(run.pipeline(), run.runId(), checkpoint.step(), checkpoint.dir()));
		if (!this.runs.heartbeat(run.runId(), owner.token())) {
			attempt.stop();
			throw new OwnershipLostException(run.runId());
		}
		attempt.process().discard(checkpoint);
		state.putInt(RunKeys.TRAIN_ROUND, checkpoint.step());
		contribution.incrementWriteCount(1);
		int total = Math.max(attempt.total(), state.getInt(RunKeys.TRAIN_ROUNDS, 0));
		this.events
			.publishEvent(new TrainingProgressed(run.pipeline(), run.runId(), checkpoint.step(), total, ref, "step"));
	}

	private void finish(JobExecution execution, ExecutionContext state, RunContext run, ActiveRun owner,
			CommandAttempt attempt, TrainerFinished finished) {
		attempt.log().flush();
		StoredFileSet model = this.retries.call(run.definition(), RunStep.TRAIN,
				() -> this.registry.storeModelFiles(run.pipeline(), run.runId(), finished.modelDir()));
		this.pids.clear(run.runId());
		if (!this.runs.heartbeat(run.runId(), owner.token())) {
			throw new OwnershipLostException(run.runId());
		}
		int step = Math.max(attempt.step(), state.getInt(RunKeys.TRAIN_ROUND, 0));
		state.putInt(RunKeys.TRAIN_ROUND, step);
		ExecutionContext job = execution.getExecutionContext();
		job.putString(RunKeys.MODEL_SHA256, model.sha256());
		job.putString(RunKeys.MODEL_KEY, model.manifestKey());
		job.putInt(RunKeys.MODEL_ROUND, step);
		job.putString(RunKeys.METRICS, this.json.writeValueAsString(finished.metrics()));
		log.info("Trainer of run {} finished: model {} ({} files, manifest SHA-256 {}), metrics {}", run.runId(),
				model.location(), model.manifest().files().size(), model.sha256(), finished.metrics());
	}

	@Override
	public void evaluate(JobExecution execution, RunContext run) {
		ExecutionContext job = execution.getExecutionContext();
		Map<String, Double> metrics = this.json.readValue(job.getString(RunKeys.METRICS), METRICS);
		log.info("Candidate of run {}: {}", run.runId(), metrics);
		this.registry.champion(run.pipeline()).ifPresent((champion) -> {
			Map<String, Double> championMetrics = this.evaluation.championMetrics(execution, run, champion,
					this.attempts.split(run, this.contexts.data(execution)), this.attempts.runDir(run));
			job.putInt(RunKeys.CHAMPION_VERSION, champion.version());
			job.putString(RunKeys.CHAMPION_METRICS, this.json.writeValueAsString(championMetrics));
		});
	}

	@Override
	public Candidate candidate(RunContext run, ExecutionContext job) {
		String key = job.getString(RunKeys.MODEL_KEY);
		String sha256 = job.getString(RunKeys.MODEL_SHA256);
		return new Candidate(this.registry.storedManifest(key, sha256), key);
	}

}
