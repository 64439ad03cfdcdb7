package dev.trainyard.training.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.TrainerEvent.CheckpointReady;
import dev.trainyard.training.command.TrainerEvent.TrainerFinished;

import org.springframework.util.FileSystemUtils;

/**
 * A running command trainer. Its {@link #next(Duration) events} come in order: each
 * checkpoint it publishes, then its end — {@link TrainerFinished} after exit 0 with its
 * outputs checked, or a {@link CommandTrainerException} saying how it ended otherwise,
 * always after every checkpoint it published. {@link #stop()} ends its whole process
 * tree.
 */
public final class TrainerProcess implements AutoCloseable {

	private final Process process;

	private final TrainerLaunch launch;

	private final TrainerPid identity;

	private final ProcessSupervisor supervisor;

	private final Thread supervision;

	private final LogTail tail;

	private volatile Object end;

	TrainerProcess(Process process, TrainerLaunch launch, ProcessSupervisor supervisor, Thread supervision,
			LogTail tail) {
		this.process = process;
		this.launch = launch;
		this.identity = new TrainerPid(process.pid(), process.info().startInstant().orElseGet(Instant::now));
		this.supervisor = supervisor;
		this.supervision = supervision;
		this.tail = tail;
	}

	public long pid() {
		return this.identity.pid();
	}

	public Instant startedAt() {
		return this.identity.startedAt();
	}

	/**
	 * The process id and start time to record with the run ({@link LeftoverTrainers}).
	 */
	public TrainerPid identity() {
		return this.identity;
	}

	public TrainerLaunch launch() {
		return this.launch;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The next event, waiting at most {@code wait} for it.
	 * @return a checkpoint or the finish, or empty when nothing happened in time; once
	 * the trainer has finished, its finish again
	 * @throws CommandTrainerException once every checkpoint was reported, when the
	 * trainer ended without a model (again on every later call)
	 */
	public Optional<TrainerEvent> next(Duration wait) throws InterruptedException {
		Object event = this.end;
		if (event == null) {
			event = this.supervisor.events.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		if (event instanceof CommandTrainerException failure) {
			this.end = failure;
			throw failure;
		}
		if (event instanceof TrainerFinished finished) {
			this.end = finished;
		}
		return Optional.ofNullable((TrainerEvent) event);
	}

	/**
	 * Waits for the end of an evaluation (which publishes no checkpoints).
	 * @throws CommandTrainerException when it ended without metrics
	 */
	public TrainerFinished awaitFinished() throws InterruptedException {
		if (!this.launch.isEvaluation()) {
			throw new IllegalStateException("a training attempt's checkpoints must be taken with next()");
		}
		while (true) {
			Optional<TrainerEvent> event = next(Duration.ofSeconds(1));
			if (event.isPresent() && event.get() instanceof TrainerFinished finished) {
				return finished;
			}
		}
	}

	/**
	 * Sends {@code SIGTERM} to the trainer and all its descendants, then {@code SIGKILL}
	 * to whatever is left after {@code stop-grace}; returns once the whole tree is gone.
	 * {@link #next(Duration)} then reports the checkpoints published meanwhile (a final
	 * one is welcome) and ends with {@link Kind#STOPPED}, unless the trainer finished
	 * with its model first.
	 */
	public void stop() {
		this.supervisor.stop(Kind.STOPPED);
	}

	/** Deletes a reported checkpoint's local directory once it is stored. */
	public void discard(CheckpointReady checkpoint) {
		Path dir = checkpoint.dir().toAbsolutePath().normalize();
		if (!dir.getParent().equals(this.launch.checkpointDir().toAbsolutePath().normalize())) {
			throw new IllegalArgumentException(dir + " is not a checkpoint of this trainer");
		}
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete checkpoint directory " + dir, ex);
		}
	}

	/** The trainer's last log lines, oldest first. */
	public List<LogLine> logTail() {
		return this.tail.lines();
	}

	/** Stops the trainer if it is still running. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			stop();
		}
		try {
			this.supervision.join(Duration.ofSeconds(30).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
