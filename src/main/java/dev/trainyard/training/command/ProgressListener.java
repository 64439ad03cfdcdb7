package dev.trainyard.training.command;

/**
 * Told of each {@code trainyard:progress step=N total=M} line a trainer prints on stdout.
 * Called from the thread that reads stdout: it should not block for long.
 */
@FunctionalInterface
public interface ProgressListener {

	/** Ignores progress. */
	ProgressListener NONE = (step, total) -> {
	};

	void progressed(int step, int total);

}
