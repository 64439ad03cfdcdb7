package dev.trainyard.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.training.command.CommandTrainer;
import dev.trainyard.training.command.LogSink;
import dev.trainyard.training.command.ProgressListener;
import dev.trainyard.training.command.SplitFiles;
import dev.trainyard.training.command.TrainerLaunch;
import dev.trainyard.training.command.TrainerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The champion's metrics a command trainer's candidate is compared with: by default those
 * recorded when the champion was registered (measured on the champion's own validation
 * rows); with {@code trainer.evaluate}, those its evaluation command gives on this run's
 * validation rows, the champion's files restored (verified) into
 * {@code TRAINYARD_MODEL_DIR}, like for like. An evaluation that fails falls back to the
 * recorded metrics, with a WARN.
 */
@Component
class CommandEvaluation {

	private static final Logger log = LoggerFactory.getLogger(CommandEvaluation.class);

	private final CommandTrainer trainer;

	private final ModelRegistry registry;

	CommandEvaluation(CommandTrainer trainer, ModelRegistry registry) {
		this.trainer = trainer;
		this.registry = registry;
	}

	Map<String, Double> championMetrics(JobExecution execution, RunContext run, ModelVersion champion, SplitFiles split,
			Path runDir) {
		PipelineDefinition definition = run.definition();
		if (!definition.trainer().command().hasEvaluate() || !champion.isFileSet()) {
			log.info("Champion version {} as recorded: {}", champion.version(), champion.metrics());
			return champion.metrics();
		}
		Path dir = runDir.resolve("evaluate-" + execution.getId());
		try {
			FileSystemUtils.deleteRecursively(dir);
			Path model = dir.resolve("champion");
			this.registry.restoreFiles(champion, model);
			TrainerLaunch launch = TrainerLaunch.evaluate(run.runId(), run.pipeline(), definition.dataset().seed(),
					definition.trainer().command(), definition.trainer().timeout(), split, definition.baseDir(),
					dir.resolve("attempt"), model);
			try (TrainerProcess process = this.trainer.start(launch, LogSink.NONE, ProgressListener.NONE)) {
				Map<String, Double> metrics = process.awaitFinished().metrics();
				log.info("Champion version {} on the same data (trainer.evaluate): {}", champion.version(), metrics);
				return metrics;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("evaluating the champion of run " + run.runId() + " was interrupted", ex);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Champion version {} of {} cannot be evaluated on this data ({}); comparing with its recorded"
					+ " metrics", champion.version(), run.pipeline(), ex.getMessage());
			return champion.metrics();
		}
	}

}
