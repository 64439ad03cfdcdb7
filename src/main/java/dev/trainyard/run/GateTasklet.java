package dev.trainyard.run;

import java.util.List;
import java.util.Map;

import dev.trainyard.pipeline.PipelineDefinition.Approval;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.NewModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.slo.Slos;
import dev.trainyard.validation.GateResult;
import dev.trainyard.validation.Gates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code gate}: checks every gate. A failing gate ends the run {@code REJECTED} (and is
 * published as {@link GateFailed}); a passing candidate is registered as a model version,
 * then either waits for approval (the job stops, to be restarted at {@code promote}) or
 * goes on to be promoted. A candidate of an {@code approval: auto} pipeline waits too
 * while the error-budget policy asks for approval; the run and the version keep why.
 * <p>
 * Re-entrant: it runs again on every restart, and a run whose candidate is already
 * registered (a process killed after the registration) goes on from its version's state
 * instead of registering or asking again: awaiting approval still waits, approved or
 * promoted goes on to {@code promote}, rejected, expired or superseded ends the run
 * {@code REJECTED}.
 */
@Component
class GateTasklet implements Tasklet {

	static final String REJECTED = "REJECTED";

	static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

	static final String PASSED = "PASSED";

	private static final Logger log = LoggerFactory.getLogger(GateTasklet.class);

	private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
	};

	private final RunContexts contexts;

	private final RunTrainers trainers;

	private final Gates gates;

	private final ModelRegistry registry;

	private final JsonMapper json;

	private final Supersession supersession;

	private final Slos slos;

	private final RunEvents events;

	GateTasklet(RunContexts contexts, RunTrainers trainers, Gates gates, ModelRegistry registry, JsonMapper json,
			Supersession supersession, Slos slos, RunEvents events) {
		this.contexts = contexts;
		this.trainers = trainers;
		this.gates = gates;
		this.registry = registry;
		this.json = json;
		this.supersession = supersession;
		this.slos = slos;
		this.events = events;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		JobExecution execution = Steps.job(chunk);
		RunContext run = this.contexts.get(execution);
		ExecutionContext job = execution.getExecutionContext();
		ExitStatus exit = this.registry.findByRun(run.runId())
			.map((version) -> rejoin(run, version))
			.orElseGet(() -> judge(run, job));
		contribution.setExitStatus(exit);
		return RepeatStatus.FINISHED;
	}

	private ExitStatus judge(RunContext run, ExecutionContext job) {
		Map<String, Double> metrics = this.json.readValue(job.getString(RunKeys.METRICS), METRICS);
		String championJson = job.getString(RunKeys.CHAMPION_METRICS, null);
		Map<String, Double> championMetrics = (championJson != null) ? this.json.readValue(championJson, METRICS)
				: null;
		List<GateResult> results = this.gates.check(run.definition().gates(), metrics, championMetrics);
		job.putString(RunKeys.GATES, this.json.writeValueAsString(results));
		List<GateResult> failed = results.stream().filter((result) -> !result.passed()).toList();
		if (!failed.isEmpty()) {
			failed.forEach((result) -> log.info("Gate failed for run {}: {}", run.runId(), result.reason()));
			this.events.gateFailed(run, failed);
			return new ExitStatus(REJECTED, failed.get(0).reason());
		}
		boolean manual = run.definition().promotion().approval() == Approval.MANUAL;
		String approvalReason = manual ? null : this.slos.approvalRequired(run.definition(), run.runId()).orElse(null);
		if (approvalReason != null) {
			log.info("Run {} needs approval although {} promotes automatically: {}", run.runId(), run.pipeline(),
					approvalReason);
			job.putString(RunKeys.APPROVAL_REASON, approvalReason);
		}
		boolean awaitsApproval = manual || approvalReason != null;
		RunTrainer.Candidate candidate = this.trainers.of(run.definition()).candidate(run, job);
		ModelVersion version = this.registry.register(new NewModelVersion(run.pipeline(), run.runId(),
				candidate.model(), job.getString(RunKeys.MODEL_SHA256),
				awaitsApproval ? VersionState.AWAITING_APPROVAL : VersionState.APPROVED, metrics,
				job.containsKey(RunKeys.CHAMPION_VERSION) ? job.getInt(RunKeys.CHAMPION_VERSION) : null,
				championMetrics, results, job.getString(RunKeys.FINGERPRINT),
				this.json.readValue(job.getString(RunKeys.PARAMS), PARAMS), candidate.storedKey(), approvalReason));
		if (awaitsApproval) {
			this.supersession.supersedeOlder(version);
			return new ExitStatus(AWAITING_APPROVAL);
		}
		return new ExitStatus(PASSED);
	}

	private ExitStatus rejoin(RunContext run, ModelVersion version) {
		log.info("Run {} registered version {} before ({}); going on from there", run.runId(), version.version(),
				version.state());
		return switch (version.state()) {
			case AWAITING_APPROVAL -> new ExitStatus(AWAITING_APPROVAL);
			case APPROVED, PROMOTED -> new ExitStatus(PASSED);
			case REJECTED, EXPIRED, SUPERSEDED ->
				new ExitStatus(REJECTED, "version " + version.version() + " is " + version.state());
		};
	}

}
