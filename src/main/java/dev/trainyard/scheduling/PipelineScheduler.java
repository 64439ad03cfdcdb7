package dev.trainyard.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.CatchUp;
import dev.trainyard.pipeline.PipelineDefinition.Schedule;
import dev.trainyard.scheduling.TickDecisions.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;

/**
 * Launches pipelines on their {@code schedule} (Spring cron, in its zone), each tick once
 * across all servers sharing the database ({@link TickDecisions}). The schedules follow
 * the shared, change-aware {@link PipelineCatalog}: checked every
 * {@code refresh-interval}, and at once when the catalog is reloaded; a pipeline whose
 * file turns invalid keeps its last schedule, and its ticks are skipped (and counted) as
 * {@code invalid-file} until the file is fixed or removed.
 * <p>
 * At start, after {@code catch-up-delay} (so that servers still running decide the ticks
 * in flight), the ticks missed while no server ran — since the latest tick any server
 * decided, and not before the schedule took effect — are caught up: with
 * {@code catch-up: latest} the latest of them is launched once, with {@code none} they
 * are skipped; either way the ticks not launched are counted as {@code missed}.
 */
class PipelineScheduler implements SmartLifecycle {

	static final String ACTOR = "scheduler";

	private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);

	private static final int MAX_TICKS_COUNTED = 100_000;

	private final PipelineCatalog catalog;

	private final ScheduleRepository schedules;

	private final TickDecisions decisions;

	private final TaskScheduler scheduler;

	private final SchedulingProperties properties;

	private final Clock clock;

	private final Map<String, Scheduled> scheduled = new HashMap<>();

	private ScheduledFuture<?> refresher;

	PipelineScheduler(PipelineCatalog catalog, ScheduleRepository schedules, TickDecisions decisions,
			TaskScheduler scheduler, SchedulingProperties properties, Clock clock) {
		this.catalog = catalog;
		this.schedules = schedules;
		this.decisions = decisions;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
		catalog.onChange((snapshot) -> scheduler.schedule(this::safeRefresh, Instant.now()));
	}

	/**
	 * Brings the scheduled launches in line with the pipeline files.
	 */
	void refresh() {
		refresh(null);
	}

	/**
	 * @param startedAt the server's start, when this is the refresh at start: ticks from
	 * then on are this server's to fire, the ones before are caught up
	 */
	private synchronized void refresh(Instant startedAt) {
		PipelineCatalog.Snapshot snapshot = this.catalog.snapshot();
		Map<String, Schedule> wanted = snapshot.pipelines()
			.stream()
			.filter((pipeline) -> pipeline.schedule() != null)
			.collect(Collectors.toMap(PipelineDefinition::name, PipelineDefinition::schedule));
		for (String name : Set.copyOf(this.scheduled.keySet())) {
			if (snapshot.invalid().contains(name)) {
				continue;
			}
			if (!this.scheduled.get(name).schedule().equals(wanted.get(name))) {
				this.scheduled.remove(name).future().cancel(false);
				log.info("Unscheduled {}", name);
			}
		}
		Instant now = this.clock.instant();
		wanted.forEach((name, schedule) -> {
			if (!this.scheduled.containsKey(name)) {
				this.schedules.register(name, schedule, now);
				this.scheduled.put(name, schedule(name, schedule, (startedAt != null) ? startedAt : now));
				if (startedAt != null) {
					this.scheduler.schedule(() -> catchUp(name, schedule, startedAt),
							startedAt.plus(this.properties.catchUpDelay()));
				}
			}
		});
	}

	synchronized Map<String, Schedule> schedules() {
		return this.scheduled.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().schedule()));
	}

	/**
	 * Catches up the ticks of a pipeline missed before {@code startedAt} while no server
	 * ran.
	 */
	void catchUp(String pipeline, Schedule schedule, Instant startedAt) {
		try {
			Instant since = this.schedules.since(pipeline).orElse(startedAt);
			Instant from = this.schedules.lastDecided(pipeline).filter((last) -> last.isAfter(since)).orElse(since);
			Missed missed = missed(schedule, from, startedAt);
			if (missed.latest() == null) {
				return;
			}
			if (schedule.catchUp() == CatchUp.NONE) {
				this.decisions.skipMissed(pipeline, missed.latest(), missed.count());
				return;
			}
			log.info("Catching up {}: {} tick(s) missed while no server ran, launching the latest, at {}", pipeline,
					missed.count(), missed.latest());
			Decision decision = this.decisions.launch(pipeline, missed.latest());
			if (!decision.taken()) {
				this.decisions.folded(pipeline, missed.count() - 1);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not catch up the missed ticks of {}: {}", pipeline, ex.toString());
		}
	}

	/** The ticks after {@code from} up to {@code until}: how many, and the latest. */
	static Missed missed(Schedule schedule, Instant from, Instant until) {
		long count = 0;
		Instant latest = null;
		for (Instant tick = schedule.next(from); tick != null && !tick.isAfter(until); tick = schedule.next(tick)) {
			latest = tick;
			if (++count == MAX_TICKS_COUNTED) {
				Instant later = until.minus(Duration.ofHours(1));
				if (later.isAfter(tick)) {
					tick = later;
				}
			}
		}
		return new Missed(count, latest);
	}

	private Scheduled schedule(String pipeline, Schedule schedule, Instant after) {
		TickTrigger trigger = new TickTrigger(schedule, after);
		log.info("Scheduled {} at '{}' ({}), next at {}", pipeline, schedule.cron(), schedule.zone(),
				schedule.next(after));
		return new Scheduled(schedule, this.scheduler.schedule(() -> fire(pipeline, trigger.upcoming()), trigger));
	}

	private void fire(String pipeline, Instant tick) {
		try {
			this.decisions.launch(pipeline, tick);
		}
		catch (RuntimeException ex) {
			log.warn("Scheduled launch of {} for its tick at {} failed: {}", pipeline, tick, ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		Instant startedAt = this.clock.instant();
		try {
			refresh(startedAt);
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the pipeline schedules at start: {}", ex.toString());
		}
		this.refresher = this.scheduler.scheduleWithFixedDelay(this::safeRefresh,
				startedAt.plus(this.properties.refreshInterval()), this.properties.refreshInterval());
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
		if (!isRunning()) {
			return;
		}
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh the pipeline schedules: {}", ex.toString());
		}
	}

	record Missed(long count, Instant latest) {
	}

	private record Scheduled(Schedule schedule, ScheduledFuture<?> future) {
	}

	/**
	 * Fires at the schedule's ticks, one after the other from the last one it fired (so a
	 * late tick is still fired, and keeps its own time), and remembers the tick it fires
	 * next: the key of its decision.
	 */
	private static final class TickTrigger implements Trigger {

		private final Schedule schedule;

		private final Instant after;

		private volatile Instant upcoming;

		TickTrigger(Schedule schedule, Instant after) {
			this.schedule = schedule;
			this.after = after;
		}

		@Override
		public Instant nextExecution(TriggerContext context) {
			Instant last = context.lastScheduledExecution();
			this.upcoming = this.schedule.next((last != null) ? last : this.after);
			return this.upcoming;
		}

		Instant upcoming() {
			return this.upcoming;
		}

	}

}
