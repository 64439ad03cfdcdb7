package dev.trainyard.run;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a run for good outside its job (rejected, expired, superseded), in one transaction
 * with the decision that ends it (the version's new state), so a crash leaves either both
 * or neither. The run is claimed first, so a run that is executing is never ended under
 * its owner; a run whose owner died is recovered; its execution is abandoned, so it can
 * never be restarted.
 */
@Component
class RunTermination {

	static final String TRAINYARD = "trainyard";

	private static final Logger log = LoggerFactory.getLogger(RunTermination.class);

	private final RunRepository runs;

	private final RunOwnership ownership;

	private final Executions executions;

	/**
	 * Looked up when needed: the job's own steps use this class, and the operator must
	 * not be created while the job is (its job registry would miss the job).
	 */
	private final ObjectProvider<JobOperator> jobOperator;

	private final TransactionTemplate transaction;

	private final Clock clock;

	RunTermination(RunRepository runs, RunOwnership ownership, Executions executions,
			ObjectProvider<JobOperator> jobOperator, PlatformTransactionManager transactionManager, Clock clock) {
		this.runs = runs;
		this.ownership = ownership;
		this.executions = executions;
		this.jobOperator = jobOperator;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Runs {@code decision} and ends the run with {@code outcome}, all or nothing.
	 * @throws RunConflictException when the run is executing or already ended (the
	 * decision is undone)
	 */
	void end(String runId, Outcome outcome, String actor, String why, Runnable decision) {
		AtomicReference<ActiveRun> claim = new AtomicReference<>();
		try {
			this.transaction.executeWithoutResult((status) -> {
				decision.run();
				RunRecord run = this.runs.find(runId)
					.orElseThrow(() -> new RunNotFoundException("there is no run " + runId));
				if (run.state() == RunStatus.COMPLETED || run.state() == RunStatus.ABANDONED) {
					throw new RunConflictException("run " + runId + " already ended " + run.state() + " with outcome "
							+ run.outcome() + "; it cannot be ended again");
				}
				claim.set(this.ownership.claim(run));
				abandon(this.runs.find(runId).orElseThrow());
				this.runs.endOutsideTheJob(runId, RunStatus.ABANDONED, outcome, null, null, this.clock.instant());
				this.runs.recordAction(runId, RunAction.END, actor, why, this.clock.instant());
				log.info("Run {} of {} ended {}: {}", runId, run.pipeline(), outcome, why);
			});
		}
		finally {
			if (claim.get() != null) {
				this.ownership.release(claim.get());
			}
		}
	}

	private void abandon(RunRecord run) {
		JobExecution last = this.executions.latest(run).orElse(null);
		if (last == null) {
			return;
		}
		JobOperator operator = this.jobOperator.getObject();
		if (last.isRunning()) {
			last = operator.recover(last);
		}
		if (last.getStatus() == BatchStatus.STOPPED || last.getStatus() == BatchStatus.FAILED) {
			try {
				operator.abandon(last);
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw new RunConflictException("run " + run.runId() + " cannot be ended: " + ex.getMessage());
			}
		}
	}

}
