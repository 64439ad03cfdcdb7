package dev.trainyard.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every {@code trainyard.runs.heartbeat-interval}, marks the runs this process holds
 * alive (with the database's clock, and only while it still holds them: a run another
 * process took over is told to stop), and passes on stops that other processes asked for.
 * A run's heartbeat ends when its execution's thread ends.
 */
@Component
class RunHeartbeat implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunHeartbeat.class);

	private final RunRepository runs;

	private final ActiveRuns active;

	private final ScheduledExecutorService scheduler;

	RunHeartbeat(RunRepository runs, ActiveRuns active, RunProperties properties) {
		this.runs = runs;
		this.active = active;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "run-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = properties.heartbeatInterval().toMillis();
		this.scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	void beat() {
		List<ActiveRun> held = this.active.all().stream().filter(ActiveRun::isClaimed).toList();
		if (held.isEmpty()) {
			return;
		}
		try {
			for (ActiveRun run : held) {
				if (!this.runs.heartbeat(run.runId(), run.token()) && this.active.holds(run.runId())) {
					log.warn("Run {} was taken over by another process; this one stops working on it", run.runId());
					run.stop(ActiveRun.StopReason.LOST, "trainyard");
				}
			}
			Map<String, String> stops = this.runs.stopRequests(held.stream().map(ActiveRun::runId).toList());
			held.stream()
				.filter((run) -> stops.containsKey(run.runId()))
				.forEach((run) -> run.stop(ActiveRun.StopReason.REQUESTED, stops.get(run.runId())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not record the heartbeat of runs {}: {}", held.stream().map(ActiveRun::runId).toList(),
					ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
