package dev.trainyard.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A shutdown ({@code SIGTERM}: Kubernetes' eviction or rollout, a plain {@code kill},
 * Ctrl-C) is an orderly stop: every run this process executes is asked to stop at its
 * next checkpoint and ends {@code STOPPED}, resumable. Past
 * {@code trainyard.runs.stop-grace} the segments still in progress are given up: their
 * runs are recorded {@code STOPPED} (at their last checkpoint) and handed back, so the
 * process may exit. In the server this is a lifecycle that stops before the database
 * closes; the CLI calls {@link #stopAll()} from its own shutdown hook.
 */
@Component
class RunShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RunShutdown.class);

	private final ActiveRuns active;

	private final RunRepository runs;

	private final JobRepository jobRepository;

	private final RunProperties properties;

	private final Clock clock;

	private volatile boolean running;

	RunShutdown(ActiveRuns active, RunRepository runs, JobRepository jobRepository, RunProperties properties,
			Clock clock) {
		this.active = active;
		this.runs = runs;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Asks every run of this process to stop, waits up to the stop grace for them, and
	 * gives up the ones still in a segment.
	 * @return the runs that were given up
	 */
	List<String> stopAll() {
		List<ActiveRun> executing = executing();
		if (executing.isEmpty()) {
			return List.of();
		}
		Duration grace = this.properties.stopGrace();
		log.info("Shutting down: asking {} run(s) to stop at their next checkpoint (at most {})", executing.size(),
				grace);
		executing.forEach((run) -> run.stop(ActiveRun.StopReason.SHUTDOWN, "shutdown"));
		long deadline = System.nanoTime() + grace.toNanos();
		while (!executing().isEmpty() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		List<ActiveRun> left = executing();
		left.forEach(this::giveUp);
		return left.stream().map(ActiveRun::runId).toList();
	}

	private List<ActiveRun> executing() {
		return this.active.all().stream().filter(ActiveRun::isExecution).toList();
	}

	/**
	 * Records a run whose segment is still in progress as stopped at its last checkpoint,
	 * and hands it back: the thread training it writes nothing to it any more (its token
	 * is gone) and dies with the process.
	 */
	private void giveUp(ActiveRun run) {
		try {
			run.stop(ActiveRun.StopReason.LOST, "shutdown");
			Instant now = this.clock.instant();
			this.runs.ended(run.runId(), run.token(), new RunEnd(RunStatus.STOPPED, null, null), now);
			if (run.executionId() != null) {
				stopExecution(this.jobRepository.getJobExecution(run.executionId()));
			}
			this.runs.release(run.runId(), run.token());
			this.active.remove(run);
			log.warn("Run {} was still in a segment after the stop grace; recorded STOPPED at its last checkpoint",
					run.runId());
		}
		catch (RuntimeException ex) {
			log.error("Could not record run {} as stopped: {} (the next start of a server, or resume, recovers it)",
					run.runId(), ex.getMessage());
		}
	}

	private void stopExecution(JobExecution execution) {
		if (execution == null || !execution.isRunning()) {
			return;
		}
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.STOPPED);
				step.setExitStatus(
						ExitStatus.STOPPED.addExitDescription("gave up the segment in progress at shutdown"));
				step.setEndTime(now);
				this.jobRepository.update(step);
			}
		}
		execution.setStatus(BatchStatus.STOPPED);
		execution.setExitStatus(ExitStatus.STOPPED);
		execution.setEndTime(now);
		this.jobRepository.update(execution);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		stopAll();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
