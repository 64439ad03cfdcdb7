package dev.trainyard.training.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a trainer that a crashed Trainyard process left running (CONTRACT §7: no trainer
 * process outlives its run), so that two trainers never write one run's checkpoints. The
 * recorded start time must match the process that has the id now, so a process that
 * reuses a dead trainer's id is never touched.
 */
public final class LeftoverTrainers {

	private static final Logger log = LoggerFactory.getLogger(LeftoverTrainers.class);

	/**
	 * How far apart two readings of one process's start time may be: the kernel gives it
	 * in clock ticks from boot, which the JDK turns into an instant through the boot time
	 * in whole seconds.
	 */
	static final Duration START_TOLERANCE = Duration.ofSeconds(1);

	/** What became of a recorded trainer. */
	public enum Outcome {

		/** It was running and is gone now, with its descendants. */
		TERMINATED,
		/** No process has its id now. */
		NOT_RUNNING,
		/** Another process has its id (or its start time cannot be read): left alone. */
		OTHER_PROCESS

	}

	private LeftoverTrainers() {
	}

	/**
	 * Sends {@code SIGTERM} to the recorded trainer and its descendants, and
	 * {@code SIGKILL} to what is left after {@code grace}; returns once they are gone.
	 */
	public static Outcome terminate(TrainerPid trainer, Duration grace) {
		Optional<ProcessHandle> process = ProcessHandle.of(trainer.pid());
		if (process.isEmpty() || !process.get().isAlive()) {
			return Outcome.NOT_RUNNING;
		}
		Optional<Instant> started = process.get().info().startInstant();
		if (started.isEmpty() || !sameStart(started.get(), trainer.startedAt())) {
			log.warn("Not ending process {}: it started at {}, the recorded trainer at {}; it is another process",
					trainer.pid(), started.map(Instant::toString).orElse("an unknown time"), trainer.startedAt());
			return Outcome.OTHER_PROCESS;
		}
		log.info("Ending trainer process {} (started {}) left behind by an earlier Trainyard process", trainer.pid(),
				trainer.startedAt());
		List<ProcessHandle> descendants = process.get().descendants().toList();
		ProcessTree.terminate(process.get(), descendants, grace);
		return Outcome.TERMINATED;
	}

	static boolean sameStart(Instant actual, Instant recorded) {
		return Duration.between(actual, recorded).abs().compareTo(START_TOLERANCE) <= 0;
	}

}
