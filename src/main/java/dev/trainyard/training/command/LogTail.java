package dev.trainyard.training.command;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines of a log, in memory: a bounded {@link LogSink} (the oldest line goes
 * when a new one would exceed {@code capacity}), for the message of a failed run.
 */
public final class LogTail implements LogSink {

	private final int capacity;

	private final Deque<LogLine> lines;

	public LogTail(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("a log tail keeps at least one line, not " + capacity);
		}
		this.capacity = capacity;
		this.lines = new ArrayDeque<>(capacity);
	}

	@Override
	public synchronized void append(LogLine line) {
		if (this.lines.size() == this.capacity) {
			this.lines.removeFirst();
		}
		this.lines.addLast(line);
	}

	/** The kept lines, oldest first. */
	public synchronized List<LogLine> lines() {
		return List.copyOf(this.lines);
	}

	/**
	 * The kept lines' text, oldest first, one per line; {@code ""} when there is none.
	 */
	public String text() {
		return String.join("\n", lines().stream().map(LogLine::text).toList());
	}

}
