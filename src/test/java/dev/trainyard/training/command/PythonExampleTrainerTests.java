package dev.trainyard.training.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.CommandSpec;
import dev.trainyard.store.FileBlobStore;
import dev.trainyard.store.FileSets;
import dev.trainyard.store.StoredFileSet;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import dev.trainyard.training.command.TrainerFixture.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example trainers of {@code jobs/trainers} on the breast-cancer data, through the
 * runner: a run stopped after a checkpoint and resumed from the stored and restored
 * checkpoint ends with the same model files as one that was never stopped. Skipped, with
 * the reason, where {@code /usr/bin/python3} lacks PyTorch or scikit-learn.
 */
class PythonExampleTrainerTests {

	private static final Path JOBS = Path.of("jobs").toAbsolutePath();

	@TempDir
	Path root;

	private final CommandTrainer trainer = new CommandTrainer(
			new CommandTrainerProperties(Duration.ofMillis(50), 4096, 20));

	@Test
	void theTorchMlpResumedFromAStoredCheckpointEndsWithTheSameWeights() throws Exception {
		PythonTrainers.assumeImportable("torch", "python3-torch");
		PipelineDefinition pipeline = new PipelineCatalog(JOBS).get("breast-cancer-torch");
		assertSameModelAfterStopAndResume(pipeline,
				with(pipeline.trainer().command(), "--epochs", "30", "--pause", "0.2"),
				with(pipeline.trainer().command(), "--epochs", "30"));
	}

	@Test
	void theScikitLearnVariantResumedFromAStoredCheckpointEndsWithTheSameModel() throws Exception {
		PythonTrainers.assumeImportable("sklearn", "python3-sklearn");
		PipelineDefinition pipeline = new PipelineCatalog(JOBS).get("breast-cancer-torch");
		CommandSpec sklearn = new CommandSpec(
				List.of(PythonTrainers.PYTHON, "trainers/sklearn_sgd.py", "--epochs", "30", "--checkpoint-every", "5"),
				pipeline.trainer().command().env(), pipeline.trainer().command().metrics(), Duration.ofSeconds(30),
				List.of(PythonTrainers.PYTHON, "trainers/sklearn_sgd.py", "--evaluate"));
		assertSameModelAfterStopAndResume(pipeline, with(sklearn, "--pause", "0.2"), sklearn);
	}

	private void assertSameModelAfterStopAndResume(PipelineDefinition pipeline, CommandSpec slow, CommandSpec fast)
			throws Exception {
		SplitFiles data = split(pipeline);
		Outcome straight;
		try (TrainerProcess process = start(pipeline, fast, data, "straight", null)) {
			straight = TrainerFixture.drain(process);
		}
		assertThat(straight.finished().metrics().get("val_auc")).isGreaterThan(0.95);

		FileSets fileSets = new FileSets(new FileBlobStore(this.root.resolve("store")));
		List<StoredFileSet> stored = new ArrayList<>();
		Outcome stopped;
		try (TrainerProcess process = start(pipeline, slow, data, "stopped", null)) {
			stopped = TrainerFixture.drain(process, (checkpoint) -> {
				stored.add(store(fileSets, checkpoint));
				process.discard(checkpoint);
				if (checkpoint.step() == 10) {
					new Thread(process::stop).start();
				}
			});
		}
		assertThat(stopped.failure().kind()).isEqualTo(Kind.STOPPED);
		int resumeStep = stopped.checkpoints().get(stopped.checkpoints().size() - 1).step();
		assertThat(resumeStep).isBetween(10, 29);

		Path resume = this.root.resolve("resume");
		fileSets.restore(stored.get(stored.size() - 1).manifestKey(), stored.get(stored.size() - 1).sha256(), resume);
		Outcome resumed;
		try (TrainerProcess process = start(pipeline, fast, data, "resumed",
				new TrainerLaunch.Resume(resume, resumeStep))) {
			resumed = TrainerFixture.drain(process);
		}
		assertThat(resumed.finished().model().sha256()).isEqualTo(straight.finished().model().sha256());
		assertThat(resumed.finished().metrics()).isEqualTo(straight.finished().metrics());

		Outcome evaluated;
		List<LogLine> log = new CopyOnWriteArrayList<>();
		try (TrainerProcess process = this.trainer.start(
				TrainerLaunch.evaluate("run-e", pipeline.name(), 42, fast, null, data, JOBS,
						this.root.resolve("evaluate"), straight.finished().modelDir()),
				log::add, ProgressListener.NONE)) {
			evaluated = new Outcome(List.of(), process.awaitFinished(), null);
		}
		assertThat(evaluated.finished().metrics()).isEqualTo(straight.finished().metrics());
	}

	private TrainerProcess start(PipelineDefinition pipeline, CommandSpec command, SplitFiles data, String attempt,
			TrainerLaunch.Resume resume) {
		List<Integer> progress = new CopyOnWriteArrayList<>();
		TrainerProcess process = this.trainer.start(
				TrainerLaunch.train("run-1", pipeline.name(), pipeline.dataset().seed(), command,
						Duration.ofMinutes(10), data, JOBS, this.root.resolve(attempt), resume),
				LogSink.NONE, (step, total) -> progress.add(step));
		await().atMost(TrainerFixture.PATIENCE).until(() -> !progress.isEmpty() || !process.isAlive());
		return process;
	}

	private SplitFiles split(PipelineDefinition pipeline) throws IOException {
		return TrainingCsv.write(Datasets.localFiles().prepare(pipeline.dataset(), null, pipeline.baseDir()),
				this.root.resolve("data"));
	}

	private static CommandSpec with(CommandSpec command, String... options) {
		List<String> argv = new ArrayList<>(command.argv());
		argv.addAll(List.of(options));
		return new CommandSpec(argv, command.env(), command.metrics(), command.stopGrace(), command.evaluate());
	}

	private static StoredFileSet store(FileSets fileSets, CheckpointReady checkpoint) {
		try {
			return fileSets.store(checkpoint.dir(), FileSets.scan(checkpoint.dir()),
					"checkpoints/" + checkpoint.step());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
