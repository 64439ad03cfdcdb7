package dev.trainyard.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The runs this process holds, each from its claim until its execution's thread ends, and
 * which run the current thread executes.
 */
@Component
class ActiveRuns {

	private final Map<String, ActiveRun> runs = new ConcurrentHashMap<>();

	private final ThreadLocal<ActiveRun> current = new ThreadLocal<>();

	private final ThreadLocal<ActiveRun> launching = new ThreadLocal<>();

	/**
	 * Holds {@code run} unless this process already holds (or is claiming) it.
	 * @return whether it was added
	 */
	boolean add(ActiveRun run) {
		return this.runs.putIfAbsent(run.runId(), run) == null;
	}

	Optional<ActiveRun> find(String runId) {
		return Optional.ofNullable(this.runs.get(runId));
	}

	boolean holds(String runId) {
		return this.runs.containsKey(runId);
	}

	List<ActiveRun> all() {
		return List.copyOf(this.runs.values());
	}

	/** How many runs execute in this process (or are being handed to their thread). */
	int executing() {
		return (int) this.runs.values().stream().filter(ActiveRun::isExecution).count();
	}

	/**
	 * Marks {@code run} as the one the current thread is about to start or restart: the
	 * thread Spring Batch hands its execution to takes it over ({@link RunTaskExecutor}).
	 */
	void launching(ActiveRun run) {
		if (run != null) {
			this.launching.set(run);
		}
		else {
			this.launching.remove();
		}
	}

	/** The run the current thread is starting, if any. */
	Optional<ActiveRun> launching() {
		return Optional.ofNullable(this.launching.get());
	}

	/** The current thread executes {@code run}. */
	void enter(ActiveRun run) {
		this.current.set(run);
	}

	/** The run the current thread executes, if any. */
	Optional<ActiveRun> current() {
		return Optional.ofNullable(this.current.get());
	}

	/**
	 * The current thread no longer executes a run; returns it (the caller gives it up,
	 * then {@link #remove}s it: in that order, so nobody takes the run for dead while it
	 * is still claimed).
	 */
	Optional<ActiveRun> leave() {
		ActiveRun run = this.current.get();
		this.current.remove();
		return Optional.ofNullable(run);
	}

	void remove(ActiveRun run) {
		this.runs.remove(run.runId(), run);
	}

}
