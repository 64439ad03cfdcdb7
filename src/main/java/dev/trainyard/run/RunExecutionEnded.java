package dev.trainyard.run;

/**
 * A thread of this process stopped executing a run: a slot of the server is free.
 */
record RunExecutionEnded(String runId) {
}
