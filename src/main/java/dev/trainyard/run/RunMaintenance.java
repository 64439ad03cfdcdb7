package dev.trainyard.run;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a server does for runs that nobody watches: every
 * {@code trainyard.runs.queue-check-interval} it queues the run-level restarts that are
 * due and starts queued runs while it has free slots (runs of other servers and of
 * earlier lives of this one included); from its start and every two heartbeats it looks
 * for runs whose owner died ({@link DeadRuns}, so a killed CLI run or a dead server's
 * runs are taken over and do not block their schedule) and continues runs whose candidate
 * was approved while no process continued them.
 */
@Component
@ConditionalOnWebApplication
class RunMaintenance implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunMaintenance.class);

	private final DeadRuns deadRuns;

	private final ApprovedRuns approved;

	private final RunQueue queue;

	private final RunRepository runs;

	private final RunProperties properties;

	private final Clock clock;

	private final ScheduledExecutorService scheduler;

	RunMaintenance(DeadRuns deadRuns, ApprovedRuns approved, RunQueue queue, RunRepository runs,
			RunProperties properties, Clock clock) {
		this.deadRuns = deadRuns;
		this.approved = approved;
		this.queue = queue;
		this.runs = runs;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "run-maintenance");
			thread.setDaemon(true);
			return thread;
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long deadCheck = this.properties.heartbeatInterval().toMillis() * 2;
		this.scheduler.scheduleWithFixedDelay(this::checkOwners, 0, deadCheck, TimeUnit.MILLISECONDS);
		long queueCheck = this.properties.queueCheckInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::checkQueue, queueCheck, queueCheck, TimeUnit.MILLISECONDS);
	}

	void checkOwners() {
		try {
			this.deadRuns.recoverAll();
			this.approved.continueAll();
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for runs left behind by dead processes: {}", ex.getMessage());
		}
	}

	void checkQueue() {
		try {
			for (RunRecord due : this.runs.dueRestarts(this.clock.instant())) {
				try {
					this.queue.restart(due, RunAction.RESTART, RunTermination.TRAINYARD, true);
				}
				catch (RunConflictException ex) {
					log.debug("Run-level restart of {} taken by another process: {}", due.runId(), ex.getMessage());
				}
			}
			this.queue.dispatch();
		}
		catch (RuntimeException ex) {
			log.warn("Could not start queued runs: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
