package dev.trainyard.run;

import java.util.List;
import java.util.Map;

import dev.trainyard.pipeline.PipelineDefinition.Approval;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.registry.NewModelVersion;
import dev.trainyard.validation.GateResult;
import dev.trainyard.validation.Gates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code gate}: checks every gate. A failing gate ends the run {@code REJECTED}; a
 * passing candidate is registered as a model version, then either waits for approval (the
 * job stops, to be restarted at {@code promote}) or goes on to be promoted.
 */
@Component
class GateTasklet implements Tasklet {

	static final String REJECTED = "REJECTED";

	static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";

	static final String PASSED = "PASSED";

	private static final Logger log = LoggerFactory.getLogger(GateTasklet.class);

	private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
	};

	private final RunContexts contexts;

	private final CandidateModels candidates;

	private final Gates gates;

	private final ModelRegistry registry;

	private final RunRepository runs;

	private final JsonMapper json;

	private final RunTermination termination;

	GateTasklet(RunContexts contexts, CandidateModels candidates, Gates gates, ModelRegistry registry,
			RunRepository runs, JsonMapper json, RunTermination termination) {
		this.termination = termination;
		this.contexts = contexts;
		this.candidates = candidates;
		this.gates = gates;
		this.registry = registry;
		this.runs = runs;
		this.json = json;
	}

	private void supersedeOlderCandidates(ModelVersion newer) {
		for (ModelVersion older : this.registry.awaitingApproval()) {
			if (older.pipeline().equals(newer.pipeline()) && older.version() < newer.version()) {
				String why = "superseded by version " + newer.version();
				this.registry.decide(older.pipeline(), older.version(), VersionState.SUPERSEDED, "trainyard", why);
				this.termination.end(older.runId(), Outcome.REJECTED, "trainyard", why);
			}
		}
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		RunContext run = this.contexts.get(Steps.job(chunk));
		ExecutionContext job = Steps.jobContext(chunk);
		Map<String, Double> metrics = this.json.readValue(job.getString(RunKeys.METRICS), METRICS);
		String championJson = job.getString(RunKeys.CHAMPION_METRICS, null);
		Map<String, Double> championMetrics = (championJson != null) ? this.json.readValue(championJson, METRICS)
				: null;
		List<GateResult> results = this.gates.check(run.definition().gates(), metrics, championMetrics);
		job.putString(RunKeys.GATES, this.json.writeValueAsString(results));
		List<GateResult> failed = results.stream().filter((result) -> !result.passed()).toList();
		if (!failed.isEmpty()) {
			failed.forEach((result) -> log.info("Gate failed for run {}: {}", run.runId(), result.reason()));
			this.runs.setOutcome(run.runId(), Outcome.REJECTED.name(), null);
			contribution.setExitStatus(new ExitStatus(REJECTED, failed.get(0).reason()));
			return RepeatStatus.FINISHED;
		}
		boolean manual = run.definition().promotion().approval() == Approval.MANUAL;
		ModelVersion version = this.registry.register(new NewModelVersion(run.pipeline(), run.runId(),
				this.candidates.model(run, job), job.getString(RunKeys.MODEL_SHA256),
				manual ? VersionState.AWAITING_APPROVAL : VersionState.APPROVED, metrics,
				job.containsKey(RunKeys.CHAMPION_VERSION) ? job.getInt(RunKeys.CHAMPION_VERSION) : null,
				championMetrics, results, run.data().fingerprint(), run.plan().params()));
		this.runs.setOutcome(run.runId(), manual ? Outcome.AWAITING_APPROVAL.name() : null, version.version());
		if (manual) {
			supersedeOlderCandidates(version);
		}
		contribution.setExitStatus(new ExitStatus(manual ? AWAITING_APPROVAL : PASSED));
		return RepeatStatus.FINISHED;
	}

}
