package dev.trainyard.training.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.trainyard.training.command.CommandTrainerException.Kind;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The command trainers' facade (CONTRACT §7): starts a trainer process with
 * {@link ProcessBuilder} (its argv, no shell) in the jobs dir, with the §7 environment,
 * its stdin kept open (end of file there means Trainyard is gone), its stdout and stderr
 * read line by line on threads of their own. Progress lines go to the
 * {@link ProgressListener}, every other line to the {@link LogSink} and to the tail kept
 * for a failure's message. Trainers still running when the application context closes are
 * stopped.
 */
@Component
@EnableConfigurationProperties(CommandTrainerProperties.class)
public class CommandTrainer {

	private static final Logger log = LoggerFactory.getLogger(CommandTrainer.class);

	private final CommandTrainerProperties settings;

	private final Set<TrainerProcess> running = ConcurrentHashMap.newKeySet();

	CommandTrainer(CommandTrainerProperties settings) {
		this.settings = settings;
	}

	/**
	 * Starts a trainer.
	 * @throws CommandTrainerException of kind {@link Kind#FAILED} when the program cannot
	 * be started
	 * @throws IllegalStateException when the attempt's directories are not empty
	 */
	public TrainerProcess start(TrainerLaunch launch, LogSink log, ProgressListener progress) {
		prepare(launch);
		ProcessBuilder builder = new ProcessBuilder(launch.argv()).directory(launch.jobsDir().toFile());
		TrainerEnvironment.apply(launch, builder.environment());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new CommandTrainerException(Kind.FAILED,
					"cannot start the trainer " + launch.argv() + " in " + launch.jobsDir() + ": " + ex.getMessage(),
					null, ex);
		}
		LogTail tail = new LogTail(this.settings.logTail());
		Lines lines = new Lines(launch.runId(), log, progress, tail);
		String name = "trainer-" + process.pid();
		List<Thread> pumps = List.of(
				OutputPump.start(name + "-stdout", process.getInputStream(), this.settings.maxLogLine(), lines::stdout),
				OutputPump.start(name + "-stderr", process.getErrorStream(), this.settings.maxLogLine(),
						lines::stderr));
		ProcessSupervisor supervisor = new ProcessSupervisor(process, launch, this.settings.pollInterval(), tail,
				pumps);
		Thread supervision = new Thread(supervisor, name + "-watch");
		supervision.setDaemon(true);
		TrainerProcess trainer = new TrainerProcess(process, launch, supervisor, supervision, tail);
		this.running.add(trainer);
		process.onExit().thenRun(() -> this.running.remove(trainer));
		supervision.start();
		CommandTrainer.log.info("Started {} of run {}: {} (pid {}){}", launch.isEvaluation() ? "evaluation" : "trainer",
				launch.runId(), launch.argv(), process.pid(),
				(launch.resume() != null) ? " resuming from step " + launch.resume().step() : "");
		return trainer;
	}

	/** Stops every trainer still running, each with its stop grace, all at once. */
	@PreDestroy
	public void stopAll() {
		List<Thread> stopping = new ArrayList<>();
		for (TrainerProcess trainer : List.copyOf(this.running)) {
			Thread thread = new Thread(trainer::stop, "trainer-" + trainer.pid() + "-stop");
			thread.start();
			stopping.add(thread);
		}
		for (Thread thread : stopping) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void prepare(TrainerLaunch launch) {
		try {
			if (!launch.isEvaluation()) {
				emptyDirectory(launch.checkpointDir());
				emptyDirectory(launch.modelDir());
			}
			Files.createDirectories(launch.attemptDir());
			if (Files.exists(launch.metricsFile())) {
				throw new IllegalStateException(launch.metricsFile() + " exists already: use a new attempt directory");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare " + launch.attemptDir() + " for the trainer", ex);
		}
	}

	private static void emptyDirectory(Path dir) throws IOException {
		Files.createDirectories(dir);
		try (Stream<Path> entries = Files.list(dir)) {
			if (entries.findAny().isPresent()) {
				throw new IllegalStateException(dir + " is not empty: use a new attempt directory");
			}
		}
	}

	/** Routes output lines; a listener that throws loses that line, not the trainer. */
	private record Lines(String runId, LogSink sink, ProgressListener progress, LogTail tail) {

		void stdout(String text) {
			Progress reported = Progress.parse(text);
			if (reported != null) {
				try {
					this.progress.progressed(reported.step(), reported.total());
				}
				catch (RuntimeException ex) {
					log.warn("Progress of run {} was not taken: {}", this.runId, ex.toString());
				}
				return;
			}
			log(new LogLine(Instant.now(), LogLine.Source.STDOUT, text));
		}

		void stderr(String text) {
			log(new LogLine(Instant.now(), LogLine.Source.STDERR, text));
		}

		private void log(LogLine line) {
			this.tail.append(line);
			try {
				this.sink.append(line);
			}
			catch (RuntimeException ex) {
				log.warn("A log line of run {} was not taken: {}", this.runId, ex.toString());
			}
		}

	}

}
