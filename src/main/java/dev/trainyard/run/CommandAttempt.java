package dev.trainyard.run;

import java.util.concurrent.atomic.AtomicLong;

import dev.trainyard.training.command.ProgressListener;
import dev.trainyard.training.command.TrainerProcess;

/**
 * One start of a run's command trainer: its process, the buffer its output goes to, the
 * latest progress it reported ({@code trainyard:progress step=N total=M}) and whether a
 * stop was sent to it. Closing it stops the process if it still runs.
 */
final class CommandAttempt implements ProgressListener, AutoCloseable {

	private final int number;

	private final RunLogs.Buffer log;

	private final AtomicLong progress = new AtomicLong(-1);

	private volatile TrainerProcess process;

	private volatile boolean stopping;

	CommandAttempt(int number, RunLogs.Buffer log) {
		this.number = number;
		this.log = log;
	}

	int number() {
		return this.number;
	}

	RunLogs.Buffer log() {
		return this.log;
	}

	TrainerProcess process() {
		return this.process;
	}

	void process(TrainerProcess process) {
		this.process = process;
	}

	boolean isStopping() {
		return this.stopping;
	}

	/** Sends the stop (the process tree gets {@code SIGTERM}, then {@code SIGKILL}). */
	void stop() {
		this.stopping = true;
		this.process.stop();
	}

	@Override
	public void progressed(int step, int total) {
		this.progress.set(((long) step << 32) | (total & 0xFFFFFFFFL));
	}

	/** The latest step reported, or -1. */
	int step() {
		long value = this.progress.get();
		return (value < 0) ? -1 : (int) (value >>> 32);
	}

	/** The latest total reported, or 0. */
	int total() {
		long value = this.progress.get();
		return (value < 0) ? 0 : (int) value;
	}

	@Override
	public void close() {
		TrainerProcess running = this.process;
		if (running != null) {
			running.close();
		}
		this.log.flush();
	}

}
