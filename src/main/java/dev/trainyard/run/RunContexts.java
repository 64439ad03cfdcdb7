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
 * The {@link RunContext} of each job execution this process runs, keyed by execution:
 * made by its first step, closed when the execution's thread ends. {@code prepare-data}
 * loads the data; a restarted execution, which skips it, loads the data in the first step
 * that needs them.
 */
@Component
class RunContexts {

	private static final Logger log = LoggerFactory.getLogger(RunContexts.class);

	private final Map<Long, RunContext> contexts = new ConcurrentHashMap<>();

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
	 * The execution's context, made (from the run's recorded definition and the plan its
	 * first execution froze) when it has none yet.
	 */
	RunContext get(JobExecution execution) {
		return this.contexts.computeIfAbsent(execution.getId(), (id) -> create(execution));
	}

	/**
	 * The execution's data, read, checked against the fingerprint the run started with,
	 * and split, when no step of the execution has read it yet.
	 */
	TrainingData data(JobExecution execution) {
		RunContext context = get(execution);
		TrainingData data = context.data();
		if (data == null) {
			data = load(context, execution.getExecutionContext());
			context.data(data);
		}
		return data;
	}

	/**
	 * How the execution trains: from the run's definition and what {@code prepare-data}
	 * froze in the job's context (the thread count, the number of classes).
	 */
	TrainingPlan plan(JobExecution execution) {
		RunContext context = get(execution);
		TrainingPlan plan = context.plan();
		if (plan == null) {
			ExecutionContext job = execution.getExecutionContext();
			PipelineDefinition definition = context.definition();
			plan = TrainingPlan.of(definition.trainer(), definition.dataset().seed(), job.getInt(RunKeys.NUM_CLASSES),
					job.getInt(RunKeys.THREADS));
			context.plan(plan);
		}
		return plan;
	}

	/** The definition a run started with, without loading its data. */
	PipelineDefinition definition(RunRecord run) {
		return this.catalog.parse(Path.of(run.definitionSource()), run.definitionText());
	}

	/** Closes the execution's context (its native XGBoost objects first). */
	void close(long executionId) {
		RunContext context = this.contexts.remove(executionId);
		if (context != null) {
			context.close();
		}
	}

	private RunContext create(JobExecution execution) {
		String runId = Steps.runId(execution);
		RunRecord run = this.runs.find(runId)
			.orElseThrow(() -> new IllegalStateException("run " + runId + " is not recorded in TY_RUN"));
		return new RunContext(runId, execution.getId(), definition(run));
	}

	private TrainingData load(RunContext context, ExecutionContext job) {
		PipelineDefinition definition = context.definition();
		PreparedData data = this.retries.call(definition, RunStep.PREPARE_DATA, () -> this.datasets
			.prepare(definition.dataset(), definition.trainer().objective(), definition.baseDir()));
		String expected = job.getString(RunKeys.FINGERPRINT, null);
		if (expected != null && !expected.equals(data.fingerprint())) {
			throw new DatasetChangedException(definition.dataset().path(), expected, data.fingerprint());
		}
		log.info("Loaded {}: {} training and {} validation rows, {} features, SHA-256 {}", definition.dataset().path(),
				data.train().rows(), data.validation().rows(), data.train().columns(), data.fingerprint());
		return new TrainingData(data, this.trainer.matrix(data.train()), this.trainer.matrix(data.validation()));
	}

}
