package dev.trainyard.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.trainyard.pipeline.PipelineDefinition.Schedule;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code TY_SCHEDULE} (each scheduled pipeline's cron, zone and since when it holds; the
 * row is the lock of its ticks' decisions) and {@code TY_SCHEDULED_LAUNCH} (each tick a
 * server decided: the run it launched, or why it skipped it).
 */
class ScheduleRepository {

	private final JdbcTemplate jdbc;

	ScheduleRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that the pipeline ticks on {@code schedule} from {@code now}, unless the
	 * servers already knew it does (then its {@code SINCE} stays). Runs in a transaction
	 * of its own.
	 */
	void register(String pipeline, Schedule schedule, Instant now) {
		Optional<Known> known = find(pipeline);
		if (known.isEmpty()) {
			try {
				this.jdbc.update("INSERT INTO TY_SCHEDULE (PIPELINE, CRON, ZONE, SINCE) VALUES (?, ?, ?, ?)", pipeline,
						schedule.cron(), schedule.zone(), Timestamp.from(now));
				return;
			}
			catch (DuplicateKeyException ex) {
				known = find(pipeline);
			}
		}
		if (known.isPresent()
				&& !(known.get().cron().equals(schedule.cron()) && known.get().zone().equals(schedule.zone()))) {
			this.jdbc.update("UPDATE TY_SCHEDULE SET CRON = ?, ZONE = ?, SINCE = ? WHERE PIPELINE = ?", schedule.cron(),
					schedule.zone(), Timestamp.from(now), pipeline);
		}
	}

	/**
	 * Locks the pipeline's schedule row until the transaction ends: the decisions about
	 * its ticks are taken one at a time across all servers.
	 * @return since when the schedule holds, or empty when it was never registered
	 */
	Optional<Instant> lock(String pipeline) {
		List<Timestamp> since = this.jdbc.queryForList("SELECT SINCE FROM TY_SCHEDULE WHERE PIPELINE = ? FOR UPDATE",
				Timestamp.class, pipeline);
		return since.stream().findFirst().map(Timestamp::toInstant);
	}

	/** Since when the pipeline's schedule, as registered, holds. */
	Optional<Instant> since(String pipeline) {
		return this.jdbc.queryForList("SELECT SINCE FROM TY_SCHEDULE WHERE PIPELINE = ?", Timestamp.class, pipeline)
			.stream()
			.findFirst()
			.map(Timestamp::toInstant);
	}

	boolean decided(String pipeline, Instant tick) {
		Integer rows = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM TY_SCHEDULED_LAUNCH WHERE PIPELINE = ? AND SCHEDULED_AT = ?", Integer.class,
				pipeline, Timestamp.from(tick));
		return rows != null && rows > 0;
	}

	/** The latest tick any server decided, if any. */
	Optional<Instant> lastDecided(String pipeline) {
		Timestamp last = this.jdbc.queryForObject(
				"SELECT MAX(SCHEDULED_AT) FROM TY_SCHEDULED_LAUNCH WHERE PIPELINE = ?", Timestamp.class, pipeline);
		return Optional.ofNullable(last).map(Timestamp::toInstant);
	}

	void launched(String pipeline, Instant tick, String runId, String server, Instant now) {
		insert(pipeline, tick, runId, null, server, now);
	}

	void skipped(String pipeline, Instant tick, String reason, String server, Instant now) {
		insert(pipeline, tick, null, reason, server, now);
	}

	private void insert(String pipeline, Instant tick, String runId, String skipped, String server, Instant now) {
		this.jdbc.update(
				"INSERT INTO TY_SCHEDULED_LAUNCH (PIPELINE, SCHEDULED_AT, RUN_ID, SKIPPED, DECIDED_BY, DECIDED_AT)"
						+ " VALUES (?, ?, ?, ?, ?, ?)",
				pipeline, Timestamp.from(tick), runId, skipped, server, Timestamp.from(now));
	}

	private Optional<Known> find(String pipeline) {
		return this.jdbc
			.query("SELECT CRON, ZONE FROM TY_SCHEDULE WHERE PIPELINE = ?",
					(rs, row) -> new Known(rs.getString("CRON"), rs.getString("ZONE")), pipeline)
			.stream()
			.findFirst();
	}

	private record Known(String cron, String zone) {
	}

}
