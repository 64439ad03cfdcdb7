package dev.trainyard.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineNotFoundException;
import dev.trainyard.run.RunQueueFullException;
import dev.trainyard.run.Runs;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides each tick of a pipeline's schedule exactly once, however many servers share the
 * database: under the lock of the pipeline's schedule row, a tick some server already
 * decided is left alone; otherwise the decision — launch a run (queued, in the same
 * transaction), or skip it because the pipeline is still running, the run queue is full
 * or the file is invalid — is recorded with the tick's time as the key, and a skip is
 * counted in {@code trainyard_schedule_skipped_total{pipeline,reason}}. The no-overlap
 * check is thereby atomic with the launch.
 */
class TickDecisions {

	static final String STILL_RUNNING = "still-running";

	static final String QUEUE_FULL = "queue-full";

	static final String INVALID_FILE = "invalid-file";

	static final String MISSED = "missed";

	private static final Logger log = LoggerFactory.getLogger(TickDecisions.class);

	private final ScheduleRepository schedules;

	private final PipelineCatalog catalog;

	private final Runs runs;

	private final TransactionTemplate transaction;

	private final MeterRegistry meterRegistry;

	private final String server;

	private final Clock clock;

	TickDecisions(ScheduleRepository schedules, PipelineCatalog catalog, Runs runs, TransactionTemplate transaction,
			MeterRegistry meterRegistry, String server, Clock clock) {
		this.schedules = schedules;
		this.catalog = catalog;
		this.runs = runs;
		this.transaction = transaction;
		this.meterRegistry = meterRegistry;
		this.server = server;
		this.clock = clock;
	}

	/**
	 * Launches the pipeline for the tick at {@code tick}, unless that is decided or
	 * skipped.
	 */
	Decision launch(String pipeline, Instant tick) {
		Decision decision = decideOnce(() -> this.transaction.execute((status) -> {
			this.schedules.lock(pipeline);
			if (this.schedules.decided(pipeline, tick)) {
				return Decision.TAKEN;
			}
			Decision decided = decide(pipeline, tick);
			if (decided.skipped() != null) {
				this.schedules.skipped(pipeline, tick, decided.skipped(), this.server, this.clock.instant());
			}
			else {
				this.schedules.launched(pipeline, tick, decided.runId(), this.server, this.clock.instant());
			}
			return decided;
		}));
		if (decision.runId() != null) {
			log.info("Scheduled launch of {} for its tick at {}: run {}", pipeline, tick, decision.runId());
			this.runs.startQueued();
		}
		else if (decision.skipped() != null) {
			log.info("Skipped the scheduled launch of {} for its tick at {}: {}", pipeline, tick, decision.detail());
			skippedTicks(pipeline, decision.skipped(), 1);
		}
		return decision;
	}

	/**
	 * Records missed ticks as skipped (catch-up {@code none}, or the ticks a catch-up
	 * {@code latest} folds into one launch): {@code latest} is the tick recorded,
	 * {@code count} how many are counted.
	 */
	Decision skipMissed(String pipeline, Instant latest, long count) {
		Decision decision = decideOnce(() -> this.transaction.execute((status) -> {
			this.schedules.lock(pipeline);
			if (this.schedules.decided(pipeline, latest)) {
				return Decision.TAKEN;
			}
			this.schedules.skipped(pipeline, latest, MISSED, this.server, this.clock.instant());
			return Decision.skipped(MISSED, count + " tick(s) missed while no server ran");
		}));
		if (decision.skipped() != null) {
			log.info("Skipped {} tick(s) of {} missed while no server ran, the latest at {}", count, pipeline, latest);
			skippedTicks(pipeline, MISSED, count);
		}
		return decision;
	}

	/**
	 * The decision, or {@link Decision#TAKEN} when another server recorded the same tick
	 * first (its key is the tick: then nothing of this decision was committed).
	 */
	private static Decision decideOnce(Supplier<Decision> decision) {
		try {
			return decision.get();
		}
		catch (DuplicateKeyException ex) {
			return Decision.TAKEN;
		}
	}

	/** Counts missed ticks that a catch-up launch stands in for. */
	void folded(String pipeline, long count) {
		if (count > 0) {
			skippedTicks(pipeline, MISSED, count);
		}
	}

	private Decision decide(String pipeline, Instant tick) {
		PipelineDefinition definition;
		try {
			definition = this.catalog.get(pipeline);
		}
		catch (InvalidPipelineException | PipelineNotFoundException ex) {
			return Decision.skipped(INVALID_FILE, ex.getMessage());
		}
		if (this.runs.isBusy(pipeline)) {
			return Decision.skipped(STILL_RUNNING, "its previous run is still running");
		}
		try {
			return Decision.launched(this.runs.enqueue(definition, PipelineScheduler.ACTOR));
		}
		catch (RunQueueFullException ex) {
			return Decision.skipped(QUEUE_FULL, ex.getMessage());
		}
	}

	private void skippedTicks(String pipeline, String reason, long count) {
		this.meterRegistry.counter("trainyard.schedule.skipped", "pipeline", pipeline, "reason", reason)
			.increment(count);
	}

	/**
	 * What became of a tick.
	 *
	 * @param runId the run it launched
	 * @param skipped why it was skipped
	 * @param detail a line for the log
	 */
	record Decision(String runId, String skipped, String detail) {

		/** Another server decided the tick. */
		static final Decision TAKEN = new Decision(null, null, "decided by another server");

		static Decision launched(String runId) {
			return new Decision(runId, null, "run " + runId);
		}

		static Decision skipped(String reason, String detail) {
			return new Decision(null, reason, detail);
		}

		boolean taken() {
			return this.runId == null && this.skipped == null;
		}

	}

}
