package dev.trainyard.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.trainyard.checkpoint.DirectoryCheckpoints;
import dev.trainyard.checkpoint.RestoredCheckpoint;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.training.command.CommandTrainer;
import dev.trainyard.training.command.LeftoverTrainers;
import dev.trainyard.training.command.SplitFiles;
import dev.trainyard.training.command.TrainerLaunch;
import dev.trainyard.training.command.TrainerProcess;
import dev.trainyard.training.command.TrainingCsv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Where a command trainer's attempts come from: the run's work directory (its split as
 * CSV, one directory per attempt), the newest checkpoint that verifies restored for it,
 * its process started and its pid recorded with the run, and a trainer that an earlier
 * process of the run left behind ended first.
 */
@Component
class CommandAttempts {

	private static final Logger log = LoggerFactory.getLogger(CommandAttempts.class);

	private final RunContexts contexts;

	private final CommandTrainer trainer;

	private final DirectoryCheckpoints checkpoints;

	private final Retries retries;

	private final TrainerPids pids;

	private final RunLogs logs;

	private final Clock clock;

	CommandAttempts(RunContexts contexts, CommandTrainer trainer, DirectoryCheckpoints checkpoints, Retries retries,
			TrainerPids pids, RunLogs logs, Clock clock) {
		this.contexts = contexts;
		this.trainer = trainer;
		this.checkpoints = checkpoints;
		this.retries = retries;
		this.pids = pids;
		this.logs = logs;
		this.clock = clock;
	}

	/**
	 * Starts attempt {@code number} of this step execution: restores the newest
	 * checkpoint that verifies, starts the process, records its pid with the run.
	 */
	CommandAttempt start(StepExecution step, RunContext run, ActiveRun owner, int number) {
		PipelineDefinition definition = run.definition();
		ExecutionContext state = step.getExecutionContext();
		SplitFiles split = split(run, this.contexts.data(step.getJobExecution()));
		Path attemptDir = runDir(run).resolve("attempt-" + step.getId() + "-" + number);
		delete(attemptDir);
		Optional<RestoredCheckpoint> restored = this.retries.call(definition, RunStep.TRAIN,
				() -> this.checkpoints.restoreLatest(run.runId(), attemptDir.resolve("resume")));
		int from = restored.map((checkpoint) -> checkpoint.ref().round()).orElse(0);
		if (number == 1) {
			state.putInt(RunKeys.TRAIN_START_ROUND, from);
		}
		state.putInt(RunKeys.TRAIN_ROUND, from);
		Duration timeout = null;
		if (owner.deadline() != null) {
			timeout = Duration.between(this.clock.instant(), owner.deadline());
			if (timeout.isNegative() || timeout.isZero()) {
				throw new RunTimedOutException(run.runId(), owner.timeout(), from);
			}
		}
		TrainerLaunch launch = TrainerLaunch.train(run.runId(), run.pipeline(), definition.dataset().seed(),
				definition.trainer().command(), timeout, split, definition.baseDir(), attemptDir,
				restored.map((checkpoint) -> new TrainerLaunch.Resume(checkpoint.dir(), checkpoint.ref().round()))
					.orElse(null));
		CommandAttempt attempt = new CommandAttempt(number, this.logs.buffer(run.runId()));
		run.attempt(attempt);
		TrainerProcess process = this.trainer.start(launch, attempt.log(), attempt);
		attempt.process(process);
		this.pids.record(run.runId(), process.identity());
		if (restored.isPresent()) {
			log.info("Resuming the trainer of run {} from the verified checkpoint at step {} ({})", run.runId(), from,
					restored.get().ref().location());
		}
		return attempt;
	}

	/**
	 * Ends the trainer an earlier process of this run left running (a {@code kill -9} of
	 * Trainyard), so two trainers never write one run's checkpoints.
	 */
	void endLeftover(RunContext run) {
		this.pids.onThisHost(run.runId()).ifPresent((leftover) -> {
			LeftoverTrainers.Outcome outcome = LeftoverTrainers.terminate(leftover,
					run.definition().trainer().command().stopGrace());
			log.info("Trainer {} recorded for run {}: {}", leftover.pid(), run.runId(), outcome);
			this.pids.clear(run.runId());
		});
		if (this.pids.onAnotherHost(run.runId())) {
			log.warn("Run {} recorded a trainer on another host; this host cannot end it", run.runId());
		}
	}

	SplitFiles split(RunContext run, TrainingData data) {
		try {
			return TrainingCsv.write(data.prepared(), runDir(run).resolve("data"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the split of run " + run.runId() + " as CSV", ex);
		}
	}

	Path runDir(RunContext run) {
		return this.trainer.workDir().resolve(run.runId());
	}

	private static void delete(Path dir) {
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot empty " + dir, ex);
		}
	}

}
