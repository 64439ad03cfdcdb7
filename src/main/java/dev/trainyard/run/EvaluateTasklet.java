package dev.trainyard.run;

import java.util.Map;
import java.util.Optional;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.validation.EvaluationException;
import dev.trainyard.validation.ModelEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code evaluate}: the candidate's metrics on the validation split and, when there is a
 * champion, the champion's metrics on the same rows.
 */
@Component
class EvaluateTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(EvaluateTasklet.class);

	private final RunContexts contexts;

	private final CandidateModels candidates;

	private final ModelEvaluator evaluator;

	private final ModelRegistry registry;

	private final JsonMapper json;

	EvaluateTasklet(RunContexts contexts, CandidateModels candidates, ModelEvaluator evaluator, ModelRegistry registry,
			JsonMapper json) {
		this.contexts = contexts;
		this.candidates = candidates;
		this.evaluator = evaluator;
		this.registry = registry;
		this.json = json;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		JobExecution execution = Steps.job(chunk);
		RunContext run = this.contexts.get(execution);
		ExecutionContext job = execution.getExecutionContext();
		TrainingData data = this.contexts.data(execution);
		Objective objective = run.definition().trainer().objective();
		Map<String, Double> metrics = this.evaluator.evaluate(this.candidates.model(run, job), objective,
				data.validation());
		job.putString(RunKeys.METRICS, this.json.writeValueAsString(metrics));
		log.info("Candidate of run {}: {}", run.runId(), metrics);
		Optional<ModelVersion> champion = this.registry.champion(run.pipeline());
		if (champion.isPresent()) {
			try {
				Map<String, Double> championMetrics = this.evaluator.evaluate(this.registry.artifact(champion.get()),
						objective, data.validation());
				job.putInt(RunKeys.CHAMPION_VERSION, champion.get().version());
				job.putString(RunKeys.CHAMPION_METRICS, this.json.writeValueAsString(championMetrics));
				log.info("Champion version {} on the same data: {}", champion.get().version(), championMetrics);
			}
			catch (EvaluationException ex) {
				log.warn(
						"Champion version {} of {} cannot be evaluated on this data ({}); gates compare with no champion",
						champion.get().version(), run.pipeline(), ex.getMessage());
			}
		}
		return RepeatStatus.FINISHED;
	}

}
