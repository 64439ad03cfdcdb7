package dev.trainyard.run;

import java.time.Duration;
import java.time.Instant;

/**
 * A run this process holds: from its claim until its execution's thread ends. Carries
 * what the execution must react to at its next checkpoint: a stop (asked by a user, by a
 * shutdown, or because another process took the run over) or its deadline.
 */
final class ActiveRun {

	private final String runId;

	private final long token;

	private volatile Long executionId;

	private volatile Thread thread;

	private volatile StopReason stop;

	private volatile String stopActor;

	private volatile Instant deadline;

	private volatile Duration timeout;

	private volatile boolean submitted;

	private volatile boolean execution;

	private volatile boolean claimed;

	ActiveRun(String runId, long token) {
		this.runId = runId;
		this.token = token;
	}

	String runId() {
		return this.runId;
	}

	long token() {
		return this.token;
	}

	Long executionId() {
		return this.executionId;
	}

	Thread thread() {
		return this.thread;
	}

	void bind(long executionId, Thread thread) {
		this.executionId = executionId;
		this.thread = thread;
	}

	/** Whether its execution was handed to a thread (which then gives the run up). */
	boolean isSubmitted() {
		return this.submitted;
	}

	/**
	 * Whether the claim won in the database (until then, there is nothing to beat for).
	 */
	boolean isClaimed() {
		return this.claimed;
	}

	void claimed() {
		this.claimed = true;
	}

	/** Whether the claim is for executing the run (not for ending or recovering it). */
	boolean isExecution() {
		return this.execution;
	}

	/** The claim is for executing the run: it takes a slot of the server. */
	void forExecution() {
		this.execution = true;
	}

	/** Its execution is handed to a thread, which gives the run up when it ends. */
	void submitted() {
		this.submitted = true;
	}

	/** Asks the execution to stop at its next checkpoint; the first reason wins. */
	synchronized void stop(StopReason reason, String actor) {
		if (this.stop == null || reason == StopReason.LOST) {
			this.stop = reason;
			this.stopActor = actor;
		}
	}

	StopReason stopReason() {
		return this.stop;
	}

	String stopActor() {
		return this.stopActor;
	}

	Instant deadline() {
		return this.deadline;
	}

	Duration timeout() {
		return this.timeout;
	}

	/** Training must end within {@code timeout} from {@code start}. */
	void deadline(Instant start, Duration timeout) {
		this.timeout = timeout;
		this.deadline = start.plus(timeout);
	}

	/** Why an execution should stop before its end. */
	enum StopReason {

		/** Somebody asked (REST, the dashboard). */
		REQUESTED,
		/** This process is shutting down (SIGTERM). */
		SHUTDOWN,
		/** Another process holds the run now: this one must not write to it any more. */
		LOST

	}

}
