package dev.trainyard.training.command;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.trainyard.store.FileSetManifest;
import dev.trainyard.store.FileSets;
import dev.trainyard.store.InvalidFileSetException;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import dev.trainyard.training.command.TrainerEvent.TrainerFinished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one trainer process on its own thread: reports each checkpoint directory as it
 * is renamed into place, notes the process tree (to end orphaned children too), enforces
 * the timeout, and once the process exits ends what is left of its tree, reports the last
 * checkpoints, then the outcome its exit code and outputs give.
 */
final class ProcessSupervisor implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

	static final int TRANSIENT_EXIT = 75;

	/** How long the output threads may take to see the end of their streams. */
	private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);

	/** {@link TrainerEvent}s, then one final {@link TrainerFinished} or failure. */
	final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	private final Process process;

	private final TrainerLaunch launch;

	private final Duration pollInterval;

	private final LogTail tail;

	private final List<Thread> pumps;

	private final CheckpointWatcher watcher;

	private final Set<ProcessHandle> known = ConcurrentHashMap.newKeySet();

	private final AtomicReference<Kind> stopReason = new AtomicReference<>();

	ProcessSupervisor(Process process, TrainerLaunch launch, Duration pollInterval, LogTail tail, List<Thread> pumps) {
		this.process = process;
		this.launch = launch;
		this.pollInterval = pollInterval;
		this.tail = tail;
		this.pumps = pumps;
		this.watcher = launch.isEvaluation() ? null : new CheckpointWatcher(launch.checkpointDir());
	}

	/**
	 * Ends the process tree ({@code SIGTERM}, {@code SIGKILL} after the stop grace);
	 * returns once it is gone. The outcome is then {@code reason}, unless the trainer
	 * finished with a usable model first.
	 */
	void stop(Kind reason) {
		if (this.process.isAlive()) {
			this.stopReason.compareAndSet(null, reason);
		}
		ProcessTree.terminate(this.process.toHandle(), this.known, this.launch.command().stopGrace());
	}

	@Override
	public void run() {
		try {
			supervise();
		}
		catch (InterruptedException ex) {
			stop(Kind.STOPPED);
			this.events.add(new CommandTrainerException(Kind.STOPPED, "watching the trainer was interrupted", null));
		}
		catch (RuntimeException ex) {
			stop(Kind.FAILED);
			this.events.add(new CommandTrainerException(Kind.FAILED, "watching the trainer failed: " + ex, null, ex));
		}
	}

	private void supervise() throws InterruptedException {
		boolean limited = this.launch.timeout() != null;
		long deadline = limited ? System.nanoTime() + this.launch.timeout().toNanos() : 0;
		while (!this.process.waitFor(this.pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
			deliverCheckpoints();
			this.known.removeIf((handle) -> !handle.isAlive());
			this.process.toHandle().descendants().forEach(this.known::add);
			if (limited && System.nanoTime() - deadline > 0 && this.stopReason.get() == null) {
				log.warn("Trainer of run {} (pid {}) ran longer than its timeout of {}: stopping it",
						this.launch.runId(), this.process.pid(), this.launch.timeout());
				stop(Kind.TIMED_OUT);
			}
		}
		ProcessTree.terminate(this.process.toHandle(), this.known, this.launch.command().stopGrace());
		for (Thread pump : this.pumps) {
			pump.join(OUTPUT_DRAIN.toMillis());
		}
		closeStdin();
		deliverCheckpoints();
		this.events.add(outcome(this.process.exitValue()));
	}

	private void deliverCheckpoints() {
		if (this.watcher == null) {
			return;
		}
		try {
			this.events.addAll(this.watcher.poll());
		}
		catch (IOException ex) {
			log.warn("Cannot look for checkpoints of run {} in {}: {}", this.launch.runId(),
					this.launch.checkpointDir(), ex.toString());
		}
	}

	private Object outcome(int code) {
		Kind stopped = this.stopReason.get();
		if (code == 0) {
			try {
				return finished(code);
			}
			catch (CommandTrainerException ex) {
				if (stopped == null) {
					return ex;
				}
			}
		}
		if (stopped == Kind.TIMED_OUT) {
			return new CommandTrainerException(stopped, "the trainer ran longer than its timeout of "
					+ this.launch.timeout() + " and was stopped (exit code " + code + ")" + logLines(), code);
		}
		if (stopped != null) {
			return new CommandTrainerException(Kind.STOPPED, "the trainer was stopped (exit code " + code + ")", code);
		}
		if (code == TRANSIENT_EXIT) {
			return new CommandTrainerException(Kind.TRANSIENT,
					"the trainer exited with code 75, a transient failure" + logLines(), code);
		}
		return new CommandTrainerException(Kind.FAILED,
				"the trainer " + this.launch.argv() + " exited with code " + code + signal(code) + logLines(), code);
	}

	private TrainerFinished finished(int code) {
		FileSetManifest model = this.launch.isEvaluation() ? null : model(code);
		Map<String, Double> metrics = MetricsFile.read(this.launch.metricsFile(), this.launch.command().metrics(),
				code);
		return new TrainerFinished(this.launch.modelDir(), model, metrics);
	}

	private FileSetManifest model(int code) {
		String dir = "the model directory " + this.launch.modelDir() + " (TRAINYARD_MODEL_DIR)";
		FileSetManifest manifest;
		try {
			manifest = FileSets.scan(this.launch.modelDir());
		}
		catch (InvalidFileSetException | IOException ex) {
			throw new CommandTrainerException(Kind.BAD_OUTPUT, dir + " cannot be used: " + ex.getMessage(), code, ex);
		}
		if (manifest.files().isEmpty()) {
			throw new CommandTrainerException(Kind.BAD_OUTPUT,
					dir + " is empty: the trainer exited 0 without writing its model", code);
		}
		return manifest;
	}

	private String logLines() {
		String text = this.tail.text();
		return text.isEmpty() ? "; it printed nothing" : "; its last log lines:\n" + text;
	}

	private static String signal(int code) {
		return switch (code) {
			case 137 -> " (killed by SIGKILL)";
			case 143 -> " (ended by SIGTERM)";
			case 134 -> " (aborted, SIGABRT)";
			case 139 -> " (segmentation fault, SIGSEGV)";
			default -> "";
		};
	}

	private void closeStdin() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// the pipe is gone with the process
		}
	}

}
