package dev.trainyard.scheduling;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.Schedule;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Launches pipelines on their {@code schedule} (Spring cron, in its zone). Pipeline files
 * are re-read every {@code refresh-interval}, so adding, changing or removing a schedule
 * needs no restart. A launch is skipped while the pipeline's newest run is still running.
 */
class PipelineScheduler implements SmartLifecycle {

	static final String ACTOR = "scheduler";

	private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);

	private final PipelineCatalog catalog;

	private final Runs runs;

	private final TaskScheduler scheduler;

	private final SchedulingProperties properties;

	private final Map<String, Scheduled> scheduled = new HashMap<>();

	private ScheduledFuture<?> refresher;

	PipelineScheduler(PipelineCatalog catalog, Runs runs, TaskScheduler scheduler, SchedulingProperties properties) {
		this.catalog = catalog;
		this.runs = runs;
		this.scheduler = scheduler;
		this.properties = properties;
	}

	/**
	 * Brings the scheduled launches in line with the pipeline files.
	 */
	synchronized void refresh() {
		Map<String, Schedule> wanted = this.catalog.all()
			.stream()
			.filter((pipeline) -> pipeline.schedule() != null)
			.collect(Collectors.toMap(PipelineDefinition::name, PipelineDefinition::schedule));
		for (String name : Set.copyOf(this.scheduled.keySet())) {
			if (!this.scheduled.get(name).schedule().equals(wanted.get(name))) {
				this.scheduled.remove(name).future().cancel(false);
				log.info("Unscheduled {}", name);
			}
		}
		wanted.forEach((name, schedule) -> this.scheduled.computeIfAbsent(name, (key) -> schedule(key, schedule)));
	}

	synchronized Map<String, Schedule> schedules() {
		return this.scheduled.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().schedule()));
	}

	void launch(String pipeline) {
		try {
			boolean running = this.runs.list(pipeline, null, 1).stream().anyMatch(RunView::isRunning);
			if (running) {
				log.info("Skipped the scheduled launch of {}: its previous run is still running", pipeline);
				return;
			}
			RunView run = this.runs.launch(pipeline, ACTOR);
			log.info("Scheduled launch of {}: run {}", pipeline, run.runId());
		}
		catch (RuntimeException ex) {
			log.warn("Scheduled launch of {} failed: {}", pipeline, ex.getMessage());
		}
	}

	private Scheduled schedule(String pipeline, Schedule schedule) {
		CronTrigger trigger = new CronTrigger(schedule.cron(), ZoneId.of(schedule.zone()));
		log.info("Scheduled {} at '{}' ({})", pipeline, schedule.cron(), schedule.zone());
		return new Scheduled(schedule, this.scheduler.schedule(() -> launch(pipeline), trigger));
	}

	@Override
	public synchronized void start() {
		this.refresher = this.scheduler.scheduleWithFixedDelay(this::safeRefresh, this.properties.refreshInterval());
	}

	@Override
	public synchronized void stop() {
		if (this.refresher != null) {
			this.refresher.cancel(false);
			this.refresher = null;
		}
		this.scheduled.values().forEach((entry) -> entry.future().cancel(false));
		this.scheduled.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.refresher != null;
	}

	private void safeRefresh() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh the pipeline schedules: {}", ex.getMessage());
		}
	}

	private record Scheduled(Schedule schedule, ScheduledFuture<?> future) {
	}

}
