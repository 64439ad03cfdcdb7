package dev.trainyard.run;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Ends a run that waits (for approval) for good: its stopped execution is abandoned, so
 * it can never be restarted, and its outcome is recorded.
 */
@Component
class RunTermination {

	private static final Logger log = LoggerFactory.getLogger(RunTermination.class);

	private final RunRepository runs;

	private final RunViews views;

	private final ObjectProvider<JobOperator> jobOperator;

	/**
	 * The job operator is looked up when needed: the job's own steps use this class, and
	 * the operator must not be created while the job is (its job registry would miss the
	 * job).
	 */
	private final Clock clock;

	RunTermination(RunRepository runs, RunViews views, ObjectProvider<JobOperator> jobOperator, Clock clock) {
		this.clock = clock;
		this.runs = runs;
		this.views = views;
		this.jobOperator = jobOperator;
	}

	void end(String runId, Outcome outcome, String actor, String why) {
		RunRecord run = this.runs.find(runId).orElseThrow(() -> new RunNotFoundException("there is no run " + runId));
		JobExecution last = this.views.lastExecution(run).orElse(null);
		if (last != null && (last.getStatus() == BatchStatus.STOPPED || last.getStatus() == BatchStatus.FAILED)) {
			try {
				this.jobOperator.getObject().abandon(last);
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw new RunConflictException("run " + runId + " cannot be ended: " + ex.getMessage());
			}
		}
		this.runs.setOutcome(runId, outcome.name(), null);
		this.runs.recordAction(runId, "END", actor, why, this.clock.instant());
		log.info("Run {} of {} ended {}: {}", runId, run.pipeline(), outcome, why);
	}

}
