package dev.trainyard.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.XgboostTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Loads and caches each executing run's {@link RunContext}; a run's context is dropped
 * when its job execution ends.
 */
@Component
class RunContexts {

	private static final Logger log = LoggerFactory.getLogger(RunContexts.class);

	private final Map<String, RunContext> contexts = new ConcurrentHashMap<>();

	private final RunRepository runs;

	private final PipelineCatalog catalog;

	private final Datasets datasets;

	private final XgboostTrainer trainer;

	private final Retries retries;

	RunContexts(RunRepository runs, PipelineCatalog catalog, Datasets datasets, XgboostTrainer trainer,
			Retries retries) {
		this.runs = runs;
		this.catalog = catalog;
		this.datasets = datasets;
		this.trainer = trainer;
		this.retries = retries;
	}

	/**
	 * The run's context, loaded (outside the map's locks: loading reads the whole
	 * dataset) when this process has none yet.
	 */
	RunContext get(JobExecution execution) {
		String runId = execution.getJobParameters().getString(RunKeys.RUN_ID);
		RunContext existing = this.contexts.get(runId);
		if (existing != null) {
			return existing;
		}
		RunContext loaded = load(runId, execution.getExecutionContext());
		RunContext raced = this.contexts.putIfAbsent(runId, loaded);
		if (raced != null) {
			loaded.dispose();
			return raced;
		}
		return loaded;
	}

	/**
	 * The definition a run started with, without loading its data.
	 */
	PipelineDefinition definition(RunRecord run) {
		RunContext context = this.contexts.get(run.runId());
		return (context != null) ? context.definition()
				: this.catalog.parse(Path.of(run.definitionSource()), run.definitionText());
	}

	void evict(String runId) {
		RunContext context = this.contexts.remove(runId);
		if (context != null) {
			context.dispose();
		}
	}

	private RunContext load(String runId, ExecutionContext jobContext) {
		RunRecord run = this.runs.find(runId)
			.orElseThrow(() -> new IllegalStateException("run " + runId + " is not recorded in TY_RUN"));
		PipelineDefinition definition = definition(run);
		PreparedData data = this.retries.call(definition, "prepare-data", () -> this.datasets
			.prepare(definition.dataset(), definition.trainer().objective(), definition.baseDir()));
		String expected = jobContext.getString(RunKeys.FINGERPRINT, null);
		if (expected != null && !expected.equals(data.fingerprint())) {
			throw new DatasetChangedException(definition.dataset().path(), expected, data.fingerprint());
		}
		TrainingPlan plan = TrainingPlan.of(definition.trainer(), definition.dataset().seed(), data.numClasses(),
				jobContext.getInt(RunKeys.THREADS));
		log.info("Loaded {}: {} training and {} validation rows, {} features, SHA-256 {}", definition.dataset().path(),
				data.train().rows(), data.validation().rows(), data.train().columns(), data.fingerprint());
		return new RunContext(runId, definition, data, plan, this.trainer.matrix(data.train()),
				this.trainer.matrix(data.validation()));
	}

}
