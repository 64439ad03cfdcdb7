package dev.trainyard.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.failure.FailureKind;
import dev.trainyard.validation.GateResult;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Builds {@link RunView}s from Trainyard's run row (its status and outcome), the Spring
 * Batch executions (steps, progress, metrics) and the checkpoints. Never exposes a Batch
 * object itself.
 */
@Component
class RunViews {

	private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
	};

	private static final TypeReference<List<GateResult>> GATES = new TypeReference<>() {
	};

	private final Executions executions;

	private final Checkpoints checkpoints;

	private final JsonMapper json;

	private final RunRepository runs;

	RunViews(Executions executions, Checkpoints checkpoints, JsonMapper json, RunRepository runs) {
		this.executions = executions;
		this.checkpoints = checkpoints;
		this.json = json;
		this.runs = runs;
	}

	RunView view(RunRecord run) {
		List<JobExecution> all = this.executions.all(run);
		JobExecution last = all.isEmpty() ? null : all.get(all.size() - 1);
		ExecutionContext job = (last != null) ? last.getExecutionContext() : new ExecutionContext();
		Map<String, StepExecution> steps = latestSteps(all);
		StepExecution train = steps.get(RunStep.TRAIN.stepName());
		int rounds = job.getInt(RunKeys.TRAIN_ROUNDS,
				(train != null) ? train.getExecutionContext().getInt(RunKeys.TRAIN_ROUNDS, 0) : 0);
		int round = (train != null) ? train.getExecutionContext().getInt(RunKeys.TRAIN_ROUND, 0) : 0;
		return new RunView(run.runId(), run.pipeline(), run.state(), run.outcome(), run.step(), run.modelVersion(),
				job.getString(RunKeys.MODEL_SHA256, null), read(job, RunKeys.METRICS, METRICS),
				job.containsKey(RunKeys.CHAMPION_VERSION) ? job.getInt(RunKeys.CHAMPION_VERSION) : null,
				read(job, RunKeys.CHAMPION_METRICS, METRICS), read(job, RunKeys.GATES, GATES),
				new RunView.Progress(round, rounds), resumedFrom(all, last, train, job), checkpointViews(run),
				stepViews(steps), all.size(), run.launchedBy(), run.createdAt(),
				(last != null) ? instant(last.getStartTime()) : null, run.endedAt(), error(run, last),
				run.failureKind(), run.failureReason(), run.failureKind() == FailureKind.INVALID_INPUT, run.restarts(),
				run.nextAttemptAt(), (run.state() == RunStatus.QUEUED) ? run.queuedAt() : null,
				this.runs.actions(run.runId()), job.getString(RunKeys.APPROVAL_REASON, null));
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

	/**
	 * What made the run fail, in one line: its latest execution's failed step's error.
	 */
	private static String error(RunRecord run, JobExecution last) {
		if (run.state() != RunStatus.FAILED) {
			return null;
		}
		String line = (run.error() != null) ? run.error() : FailureMessages.errorOf(last);
		return (line != null) ? line : (DeadRuns.OWNER_DIED.equals(run.failureReason()) ? "its process died" : null);
	}

	private static Instant instant(LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

}
