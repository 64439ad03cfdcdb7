package dev.trainyard.training.command;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a trainer's process tree: {@code SIGTERM} ({@link ProcessHandle#destroy()}) to the
 * process and every descendant, then, after the grace, {@code SIGKILL}
 * ({@link ProcessHandle#destroyForcibly()}) to whatever of the tree is still alive,
 * including children started during the grace.
 */
final class ProcessTree {

	private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

	/** How long the processes may take to go once killed. */
	static final Duration KILL_WAIT = Duration.ofSeconds(10);

	private ProcessTree() {
	}

	/**
	 * @param known processes of the tree seen before (children orphaned since are no
	 * longer descendants of {@code root})
	 * @return whether every process of the tree is gone
	 */
	static boolean terminate(ProcessHandle root, Collection<ProcessHandle> known, Duration grace) {
		Set<ProcessHandle> tree = alive(root, known);
		if (tree.isEmpty()) {
			return true;
		}
		tree.forEach(ProcessHandle::destroy);
		if (awaitGone(tree, grace)) {
			return true;
		}
		Set<ProcessHandle> left = alive(root, tree);
		log.info("Process tree of {} still has {} process(es) {} after SIGTERM and a grace of {}: sending SIGKILL",
				root.pid(), left.size(), left.stream().map(ProcessHandle::pid).toList(), grace);
		left.forEach(ProcessHandle::destroyForcibly);
		boolean gone = awaitGone(left, KILL_WAIT);
		if (!gone) {
			log.warn("Processes {} of the tree of {} survived SIGKILL for {}",
					alive(root, left).stream().map(ProcessHandle::pid).toList(), root.pid(), KILL_WAIT);
		}
		return gone;
	}

	/** {@code root}, its descendants, {@code known} and theirs: those still alive. */
	static Set<ProcessHandle> alive(ProcessHandle root, Collection<ProcessHandle> known) {
		Set<ProcessHandle> tree = new LinkedHashSet<>();
		tree.add(root);
		tree.addAll(known);
		for (ProcessHandle handle : List.copyOf(tree)) {
			handle.descendants().forEach(tree::add);
		}
		tree.removeIf((handle) -> !handle.isAlive());
		return tree;
	}

	static boolean awaitGone(Collection<ProcessHandle> processes, Duration timeout) {
		CompletableFuture<?>[] exits = processes.stream()
			.map(ProcessHandle::onExit)
			.toArray(CompletableFuture<?>[]::new);
		try {
			CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return processes.stream().noneMatch(ProcessHandle::isAlive);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("waiting for processes to exit failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return processes.stream().noneMatch(ProcessHandle::isAlive);
		}
	}

}
