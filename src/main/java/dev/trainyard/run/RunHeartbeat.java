package dev.trainyard.run;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the heartbeat of the runs this process executes fresh, so other processes can
 * tell a live run from one whose process was killed.
 */
@Component
class RunHeartbeat implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunHeartbeat.class);

	private final Set<String> runIds = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService scheduler;

	RunHeartbeat(RunRepository runs, RunProperties properties, Clock clock) {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "run-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.heartbeatInterval().toMillis();
		this.scheduler.scheduleAtFixedRate(() -> beat(runs, clock), period, period, TimeUnit.MILLISECONDS);
	}

	void track(String runId) {
		this.runIds.add(runId);
	}

	boolean isTracked(String runId) {
		return this.runIds.contains(runId);
	}

	void untrack(String runId) {
		this.runIds.remove(runId);
	}

	private void beat(RunRepository runs, Clock clock) {
		try {
			if (!this.runIds.isEmpty()) {
				runs.heartbeat(List.copyOf(this.runIds), clock.instant());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not record the heartbeat of runs {}: {}", this.runIds, ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
