package dev.trainyard.run;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.stereotype.Component;

/**
 * Starts and restarts runs' executions through Spring Batch's {@link JobOperator}, each
 * under a claim this process holds until the execution's thread ends. A restart of a run
 * whose owner died recovers its execution first.
 */
@Component
class RunLauncher {

	private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

	private final JobOperator jobOperator;

	private final Job pipelineJob;

	private final RunOwnership ownership;

	private final ActiveRuns active;

	private final Executions executions;

	private final DeadRuns deadRuns;

	private final RunRepository runs;

	private final Clock clock;

	RunLauncher(JobOperator jobOperator, Job pipelineJob, RunOwnership ownership, ActiveRuns active,
			Executions executions, DeadRuns deadRuns, RunRepository runs, Clock clock) {
		this.jobOperator = jobOperator;
		this.pipelineJob = pipelineJob;
		this.ownership = ownership;
		this.active = active;
		this.executions = executions;
		this.deadRuns = deadRuns;
		this.runs = runs;
		this.clock = clock;
	}

	/** The first execution of a run just recorded. */
	void start(RunRecord run) {
		ActiveRun claim = this.ownership.claim(run);
		JobParameters parameters = new JobParametersBuilder().addString(RunKeys.RUN_ID, run.runId()).toJobParameters();
		execute(claim, () -> this.jobOperator.start(this.pipelineJob, parameters));
	}

	/**
	 * The next execution of a run that stopped, failed, waited in the queue or whose
	 * owner died.
	 * @param action what to record as done by {@code actor}, or {@code null} when it was
	 * recorded when the run was queued
	 * @param automatic whether it is a run-level restart (counted) rather than one a user
	 * asked for
	 * @throws RunConflictException when its owner is alive or another process claims it
	 * first
	 */
	void restart(RunRecord run, RunAction action, String actor, boolean automatic) {
		ActiveRun claim = this.ownership.claim(run);
		JobExecution last;
		try {
			RunRecord claimed = this.runs.find(run.runId()).orElseThrow();
			this.deadRuns.recover(run, claimed);
			this.runs.leaveQueue(run.runId(), claim.token());
			last = this.executions.latest(claimed).orElse(null);
			if (action != null) {
				this.runs.restarting(run.runId(), claim.token(), automatic);
				this.runs.recordAction(run.runId(), action, actor, automatic ? restartDetail(claimed, last) : null,
						this.clock.instant());
			}
		}
		catch (RuntimeException ex) {
			this.ownership.release(claim);
			throw ex;
		}
		if (last == null) {
			log.info("Run {} never started its job; starting it now", run.runId());
			JobParameters parameters = new JobParametersBuilder().addString(RunKeys.RUN_ID, run.runId())
				.toJobParameters();
			execute(claim, () -> this.jobOperator.start(this.pipelineJob, parameters));
			return;
		}
		if (this.executions.failUnknown(last)) {
			log.warn("Execution {} of run {} ended in a state Spring Batch could not record (UNKNOWN); marked FAILED"
					+ " to restart it from its last committed checkpoint", last.getId(), run.runId());
		}
		log.info("Restarting run {} of {} for {}", run.runId(), run.pipeline(), actor);
		JobExecution restartFrom = last;
		execute(claim, () -> this.jobOperator.restart(restartFrom));
	}

	/** What a run-level restart records: its number, and the failure it follows. */
	static String restartDetail(RunRecord run, JobExecution last) {
		String error = (run.error() != null) ? run.error() : FailureMessages.errorOf(last);
		return "run-level restart " + (run.restarts() + 1) + " after: " + ((error != null) ? error
				: (run.failureReason() != null) ? run.failureReason() : "a transient failure");
	}

	/**
	 * Tells the run's execution in this process, if any, to stop at its next checkpoint.
	 */
	void stopping(String runId, String actor) {
		this.active.find(runId).ifPresent((run) -> run.stop(ActiveRun.StopReason.REQUESTED, actor));
	}

	private void execute(ActiveRun claim, Launch launch) {
		claim.forExecution();
		this.active.launching(claim);
		try {
			launch.run();
		}
		catch (JobExecutionAlreadyRunningException | JobRestartException | JobInstanceAlreadyCompleteException
				| InvalidJobParametersException ex) {
			throw new RunConflictException("run " + claim.runId() + " cannot be started: " + ex.getMessage());
		}
		finally {
			this.active.launching(null);
			if (!claim.isSubmitted()) {
				this.ownership.release(claim);
			}
		}
	}

	@FunctionalInterface
	private interface Launch {

		void run() throws JobExecutionAlreadyRunningException, JobRestartException, JobInstanceAlreadyCompleteException,
				InvalidJobParametersException;

	}

}
