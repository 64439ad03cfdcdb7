package dev.trainyard.training.command;

/**
 * Where a trainer's log lines go (every output line but progress lines), such as the
 * run's stored log. Called from the threads that read the trainer's stdout and stderr, so
 * implementations must be thread-safe and should not block for long (the trainer blocks
 * when its output is not read). Bounding what is kept is the sink's business.
 */
@FunctionalInterface
public interface LogSink {

	/** Discards every line. */
	LogSink NONE = (line) -> {
	};

	void append(LogLine line);

}
