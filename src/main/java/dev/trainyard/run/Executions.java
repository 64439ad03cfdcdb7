package dev.trainyard.run;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * A run's Spring Batch job executions, read fresh from the job repository.
 */
@Component
class Executions {

	private static final ExitStatus UNKNOWN_ENDED = new ExitStatus("FAILED",
			"Spring Batch could not record how this ended (status UNKNOWN); marked FAILED so that the run can be restarted");

	private final JobRepository jobRepository;

	Executions(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** Every execution of the run, oldest first. */
	List<JobExecution> all(RunRecord run) {
		if (run.jobInstanceId() == null) {
			return List.of();
		}
		JobInstance instance = this.jobRepository.getJobInstance(run.jobInstanceId());
		if (instance == null) {
			return List.of();
		}
		List<JobExecution> executions = new ArrayList<>();
		for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
			executions.add(this.jobRepository.getJobExecution(execution.getId()));
		}
		executions.sort(Comparator.comparing(JobExecution::getId));
		return executions;
	}

	/**
	 * Marks an execution whose end Spring Batch could not record (status {@code UNKNOWN}:
	 * the database went away while a step committed, and its rollback failed too) and its
	 * steps in that state {@code FAILED}, so that it can be restarted: a checkpoint row
	 * is only written after its blob, in the chunk's transaction, so the restart
	 * continues from what was committed. Spring Batch itself refuses to restart from
	 * {@code UNKNOWN}.
	 * @return whether anything was marked
	 */
	boolean failUnknown(JobExecution execution) {
		boolean marked = false;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(step.getExitStatus().and(UNKNOWN_ENDED));
				step.setEndTime((step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now());
				this.jobRepository.update(step);
				marked = true;
			}
		}
		if (execution.getStatus() == BatchStatus.UNKNOWN || (marked && !execution.getStatus().isUnsuccessful())) {
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(execution.getExitStatus().and(UNKNOWN_ENDED));
			execution.setEndTime((execution.getEndTime() != null) ? execution.getEndTime() : LocalDateTime.now());
			this.jobRepository.update(execution);
			marked = true;
		}
		return marked;
	}

	/** The run's latest execution, if its job ever started. */
	Optional<JobExecution> latest(RunRecord run) {
		if (run.executionId() != null) {
			JobExecution execution = this.jobRepository.getJobExecution(run.executionId());
			if (execution != null) {
				return Optional.of(execution);
			}
		}
		List<JobExecution> executions = all(run);
		return executions.isEmpty() ? Optional.empty() : Optional.of(executions.get(executions.size() - 1));
	}

}
