package dev.trainyard.run;

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
 * In the server: looks for runs whose owner died when it starts and every two heartbeats
 * after ({@link DeadRuns}), so a killed CLI run or a dead server's runs do not block
 * their pipeline's schedule; and continues runs whose candidate was approved while no
 * process continued them (a crash between the decision and the restart).
 */
@Component
@ConditionalOnWebApplication
class DeadRunMonitor implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeadRunMonitor.class);

	private final DeadRuns deadRuns;

	private final ApprovedRuns approved;

	private final ScheduledExecutorService scheduler;

	private final long period;

	DeadRunMonitor(DeadRuns deadRuns, ApprovedRuns approved, RunProperties properties) {
		this.deadRuns = deadRuns;
		this.approved = approved;
		this.period = properties.heartbeatInterval().toMillis() * 2;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "dead-runs");
			thread.setDaemon(true);
			return thread;
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.scheduler.scheduleWithFixedDelay(this::check, 0, this.period, TimeUnit.MILLISECONDS);
	}

	void check() {
		try {
			this.deadRuns.recoverAll();
			this.approved.continueAll();
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for runs left behind by dead processes: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
