package dev.trainyard.training.command;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * A command trainer did not finish with a model: {@link #kind()} says how. Only
 * {@link Kind#TRANSIENT} (exit code 75) is worth retrying from the newest checkpoint, so
 * only it is {@link FailureKind#TRANSIENT} for {@link dev.trainyard.failure.Failures};
 * every other kind is {@link FailureKind#FATAL} (a trainer that failed, wrote a bad model
 * or metrics, ran out of time or was stopped is not retried). A failure's message has the
 * exit code and the trainer's last log lines, a bad output's names the file and what is
 * wrong with it.
 */
public final class CommandTrainerException extends RuntimeException implements Classified {

	/** How a trainer ended without a model. */
	public enum Kind {

		/** Exit code 75: a transient failure, retried from the newest checkpoint. */
		TRANSIENT,
		/** Any other exit code, or the program could not be started: not retried. */
		FAILED,
		/** Exit code 0 without a usable model directory or metrics file: not retried. */
		BAD_OUTPUT,
		/** Ran longer than its timeout and was stopped; its checkpoints are kept. */
		TIMED_OUT,
		/** Stopped on request ({@link TrainerProcess#stop()}): resumable. */
		STOPPED

	}

	private final Kind kind;

	private final Integer exitCode;

	CommandTrainerException(Kind kind, String message, Integer exitCode) {
		this(kind, message, exitCode, null);
	}

	CommandTrainerException(Kind kind, String message, Integer exitCode, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.exitCode = exitCode;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The process's exit code, or {@code null} when it could not be started. */
	public Integer exitCode() {
		return this.exitCode;
	}

	/**
	 * {@link FailureKind#TRANSIENT} when a retry from the newest checkpoint may succeed
	 * (exit code 75), else {@link FailureKind#FATAL}.
	 */
	@Override
	public FailureKind failureKind() {
		return (this.kind == Kind.TRANSIENT) ? FailureKind.TRANSIENT : FailureKind.FATAL;
	}

}
