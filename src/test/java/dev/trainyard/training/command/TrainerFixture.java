package dev.trainyard.training.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.DeclaredMetric;
import dev.trainyard.pipeline.DeclaredMetric.Goal;
import dev.trainyard.pipeline.PipelineDefinition.CommandSpec;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import dev.trainyard.training.command.TrainerEvent.TrainerFinished;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A jobs dir with the test trainer ({@code trainers/Trainer.java}, run by this JVM's
 * {@code java} with the single-file source launcher), a run's split written as CSV, and
 * helpers to launch it and collect what it reports.
 */
final class TrainerFixture {

	static final List<DeclaredMetric> METRICS = List.of(new DeclaredMetric("val_loss", Goal.MIN),
			new DeclaredMetric("val_accuracy", Goal.MAX));

	/** Generous: a JVM compiling the trainer on a busy two-core machine. */
	static final Duration PATIENCE = Duration.ofSeconds(120);

	final Path jobsDir;

	final Path workDir;

	final SplitFiles data;

	final CommandTrainer trainer = new CommandTrainer(new CommandTrainerProperties(Duration.ofMillis(50), 1000, 5));

	final List<LogLine> log = new CopyOnWriteArrayList<>();

	final List<Integer> progress = new CopyOnWriteArrayList<>();

	private final AtomicInteger attempts = new AtomicInteger();

	TrainerFixture(Path root) {
		try {
			this.jobsDir = Files.createDirectories(root.resolve("jobs"));
			this.workDir = Files.createDirectories(root.resolve("work"));
			Path trainers = Files.createDirectories(this.jobsDir.resolve("trainers"));
			try (InputStream source = TrainerFixture.class.getResourceAsStream("/command-trainer/Trainer.java")) {
				Files.copy(source, trainers.resolve("Trainer.java"));
			}
			PreparedData prepared = Datasets.localFiles()
				.prepare(new DatasetSpec("synthetic:classification?rows=400&features=4&seed=5", "label", 0.25, 42),
						null, this.jobsDir);
			this.data = TrainingCsv.write(prepared, root.resolve("data"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The test trainer's argv: this JVM's {@code java}, then the source file, then the
	 * options.
	 */
	static List<String> argv(String... options) {
		List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "trainers/Trainer.java"));
		argv.addAll(List.of(options));
		return argv;
	}

	static CommandSpec command(Duration stopGrace, String... options) {
		return new CommandSpec(argv(options), Map.of("EXTRA_FLAG", "on"), METRICS, stopGrace, List.of());
	}

	TrainerLaunch launch(CommandSpec command, Duration timeout, TrainerLaunch.Resume resume) {
		Path attempt = this.workDir.resolve("attempt-" + this.attempts.incrementAndGet());
		return TrainerLaunch.train("run-1", "demo", 42, command, timeout, this.data, this.jobsDir, attempt, resume);
	}

	TrainerProcess start(CommandSpec command, Duration timeout, TrainerLaunch.Resume resume) {
		return this.trainer.start(launch(command, timeout, resume), this.log::add, (step, total) -> {
			assertThat(total).isPositive();
			this.progress.add(step);
		});
	}

	TrainerProcess start(String... options) {
		return start(command(Duration.ofSeconds(10), options), null, null);
	}

	/** Every event up to the end: checkpoints (optionally handled), then the finish. */
	static Outcome drain(TrainerProcess process, CheckpointHandler handler) throws InterruptedException {
		List<CheckpointReady> checkpoints = new ArrayList<>();
		try {
			while (true) {
				Optional<TrainerEvent> event = process.next(PATIENCE);
				if (event.isEmpty()) {
					fail("the trainer reported nothing for " + PATIENCE);
				}
				if (event.get() instanceof TrainerFinished finished) {
					return new Outcome(checkpoints, finished, null);
				}
				CheckpointReady checkpoint = (CheckpointReady) event.get();
				checkpoints.add(checkpoint);
				handler.handle(checkpoint);
			}
		}
		catch (CommandTrainerException ex) {
			return new Outcome(checkpoints, null, ex);
		}
	}

	static Outcome drain(TrainerProcess process) throws InterruptedException {
		return drain(process, (checkpoint) -> {
		});
	}

	List<String> logText() {
		return this.log.stream().map(LogLine::text).toList();
	}

	@FunctionalInterface
	interface CheckpointHandler {

		void handle(CheckpointReady checkpoint);

	}

	/** What a trainer reported: its checkpoints, then its finish or its failure. */
	record Outcome(List<CheckpointReady> checkpoints, TrainerFinished finished, CommandTrainerException failure) {

		List<Integer> steps() {
			return this.checkpoints.stream().map(CheckpointReady::step).toList();
		}

	}

}
