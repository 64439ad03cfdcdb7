package dev.trainyard.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;

/**
 * The threads that run executions run on: each takes over the run its caller claimed, and
 * when the execution ends — however it ends, also when its job listener could not record
 * the end (a database gone) — gives the run up, stops its heartbeat and closes its
 * context, in a {@code finally}.
 */
class RunTaskExecutor implements TaskExecutor {

	private static final Logger log = LoggerFactory.getLogger(RunTaskExecutor.class);

	private final TaskExecutor delegate;

	private final ActiveRuns active;

	private final RunRepository runs;

	private final RunContexts contexts;

	private final ApplicationEventPublisher events;

	RunTaskExecutor(TaskExecutor delegate, ActiveRuns active, RunRepository runs, RunContexts contexts,
			ApplicationEventPublisher events) {
		this.delegate = delegate;
		this.events = events;
		this.active = active;
		this.runs = runs;
		this.contexts = contexts;
	}

	@Override
	public void execute(Runnable task) {
		ActiveRun run = this.active.launching().orElse(null);
		if (run != null) {
			run.submitted();
		}
		this.delegate.execute(() -> {
			if (run != null) {
				this.active.enter(run);
			}
			try {
				task.run();
			}
			finally {
				this.active.leave().ifPresent(this::ended);
			}
		});
	}

	private void ended(ActiveRun run) {
		if (run.executionId() != null) {
			this.contexts.close(run.executionId());
		}
		try {
			this.runs.release(run.runId(), run.token());
		}
		catch (RuntimeException ex) {
			log.warn("Could not give run {} up ({}); it is no longer beaten for, so it counts as dead", run.runId(),
					ex.getMessage());
		}
		finally {
			this.active.remove(run);
			MDC.remove("runId");
			MDC.remove("pipeline");
			this.events.publishEvent(new RunExecutionEnded(run.runId()));
		}
	}

}
