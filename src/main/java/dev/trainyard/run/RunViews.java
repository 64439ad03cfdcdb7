package dev.trainyard.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.validation.GateResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Builds {@link RunView}s from Trainyard's run row, the Spring Batch executions and the
 * checkpoints. Never exposes a Batch object itself.
 */
@Component
class RunViews {

	private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
	};

	private static final TypeReference<List<GateResult>> GATES = new TypeReference<>() {
	};

	private final JobRepository jobRepository;

	private final Checkpoints checkpoints;

	private final JsonMapper json;

	private final RunRepository runs;

	RunViews(JobRepository jobRepository, Checkpoints checkpoints, JsonMapper json, RunRepository runs) {
		this.runs = runs;
		this.jobRepository = jobRepository;
		this.checkpoints = checkpoints;
		this.json = json;
	}

	List<JobExecution> executions(RunRecord run) {
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
		executions.sort((a, b) -> Long.compare(a.getId(), b.getId()));
		return executions;
	}

	/** The run's latest job execution, if its job ever started. */
	Optional<JobExecution> lastExecution(RunRecord run) {
		List<JobExecution> executions = executions(run);
		return executions.isEmpty() ? Optional.empty() : Optional.of(executions.get(executions.size() - 1));
	}

	RunView view(RunRecord run) {
		List<JobExecution> executions = executions(run);
		JobExecution last = executions.isEmpty() ? null : executions.get(executions.size() - 1);
		ExecutionContext job = (last != null) ? last.getExecutionContext() : new ExecutionContext();
		Map<String, StepExecution> steps = latestSteps(executions);
		StepExecution train = steps.get("train");
		int rounds = job.getInt(RunKeys.TRAIN_ROUNDS, 0);
		int round = (train != null) ? train.getExecutionContext().getInt(RunKeys.TRAIN_ROUND, 0) : 0;
		String status = (last != null) ? last.getStatus().name() : "STARTING";
		String outcome = run.outcome();
		if (last != null && !last.isRunning() && outcome == null && last.getStatus() != BatchStatus.COMPLETED) {
			outcome = Outcome.FAILED.name();
		}
		return new RunView(run.runId(), run.pipeline(), status, outcome, run.modelVersion(),
				job.getString(RunKeys.MODEL_SHA256, null), read(job, RunKeys.METRICS, METRICS),
				job.containsKey(RunKeys.CHAMPION_VERSION) ? job.getInt(RunKeys.CHAMPION_VERSION) : null,
				read(job, RunKeys.CHAMPION_METRICS, METRICS), read(job, RunKeys.GATES, GATES),
				new RunView.Progress(round, rounds), resumedFrom(executions, last, train, job), checkpointViews(run),
				stepViews(steps), executions.size(), run.launchedBy(), run.createdAt(),
				(last != null) ? instant(last.getStartTime()) : null,
				(last != null) ? instant(last.getEndTime()) : null, error(last),
				FailureMessages.isInvalidInput(failure(last)), this.runs.actions(run.runId()));
	}

	private static Integer resumedFrom(List<JobExecution> executions, JobExecution last, StepExecution train,
			ExecutionContext job) {
		if (executions.size() < 2) {
			return null;
		}
		if (train != null && train.getJobExecutionId() == last.getId()) {
			int start = train.getExecutionContext().getInt(RunKeys.TRAIN_START_ROUND, 0);
			return (start > 0) ? start : null;
		}
		return job.containsKey(RunKeys.MODEL_ROUND) ? job.getInt(RunKeys.MODEL_ROUND) : null;
	}

	private static Map<String, StepExecution> latestSteps(List<JobExecution> executions) {
		Map<String, StepExecution> steps = new LinkedHashMap<>();
		for (JobExecution execution : executions) {
			execution.getStepExecutions()
				.stream()
				.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
				.forEach((step) -> steps.put(step.getStepName(), step));
		}
		return steps;
	}

	private static List<RunView.StepView> stepViews(Map<String, StepExecution> steps) {
		return steps.values()
			.stream()
			.map((step) -> new RunView.StepView(step.getStepName(), step.getStatus().name(),
					step.getExitStatus().getExitCode(), instant(step.getStartTime()), instant(step.getEndTime())))
			.toList();
	}

	private List<RunView.CheckpointView> checkpointViews(RunRecord run) {
		return this.checkpoints.list(run.runId())
			.stream()
			.map((ref) -> new RunView.CheckpointView(ref.round(), ref.sha256(), ref.size(), ref.location(),
					ref.createdAt(), ref.corrupt(), ref.deleted()))
			.toList();
	}

	private <T> T read(ExecutionContext context, String key, TypeReference<T> type) {
		String value = context.getString(key, null);
		return (value != null) ? this.json.readValue(value, type) : null;
	}

	private static String error(JobExecution last) {
		return FailureMessages.firstLine(failure(last));
	}

	private static String failure(JobExecution last) {
		if (last == null || last.getStatus() != BatchStatus.FAILED) {
			return null;
		}
		String description = last.getExitStatus().getExitDescription();
		for (StepExecution step : last.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.FAILED && !step.getExitStatus().getExitDescription().isBlank()) {
				description = step.getExitStatus().getExitDescription();
			}
		}
		return description;
	}

	private static Instant instant(LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

}
