package dev.trainyard.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * A run's Spring Batch job executions, read fresh from the job repository.
 */
@Component
class Executions {

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
