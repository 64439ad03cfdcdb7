package dev.trainyard.incident.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The transactional outbox of incident notices: {@link #enqueue} writes one row per sink
 * in the caller's transaction (the incident change's), so a notice exists exactly when
 * its change was committed. Rows are claimed by a conditional update of their lease, so
 * several servers on one database do not send the same row at once.
 */
@Repository
public class Outbox {

	static final String PENDING = "PENDING";

	static final String DELIVERED = "DELIVERED";

	static final String FAILED = "FAILED";

	private static final String CLAIMABLE = "SELECT ID, EVENT_ID, INCIDENT_ID, SINK, ACTION, NOTICE, ATTEMPTS"
			+ " FROM TY_INCIDENT_OUTBOX O WHERE STATE = 'PENDING' AND NEXT_ATTEMPT_AT <= ?"
			+ " AND (LEASE_UNTIL IS NULL OR LEASE_UNTIL < ?) AND NOT EXISTS (SELECT 1 FROM TY_INCIDENT_OUTBOX E"
			+ " WHERE E.INCIDENT_ID = O.INCIDENT_ID AND E.SINK = O.SINK AND E.STATE = 'PENDING' AND E.ID < O.ID)"
			+ " ORDER BY ID FETCH FIRST %d ROWS ONLY";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final List<String> sinks;

	Outbox(JdbcTemplate jdbc, JsonMapper json, IncidentProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.sinks = properties.sinks().stream().map(IncidentProperties.Sink::name).toList();
	}

	/** Queues {@code notice} for every configured sink, in the caller's transaction. */
	public void enqueue(IncidentNotice notice, Instant now) {
		String text = this.json.writeValueAsString(notice);
		for (String sink : this.sinks) {
			this.jdbc.update(
					"INSERT INTO TY_INCIDENT_OUTBOX (EVENT_ID, INCIDENT_ID, SINK, ACTION, NOTICE, STATE,"
							+ " CREATED_AT, NEXT_ATTEMPT_AT) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)",
					UUID.randomUUID().toString(), notice.incidentId(), sink, notice.action(), text, Timestamp.from(now),
					Timestamp.from(now));
		}
	}

	/** Every notice of an incident, oldest first. */
	public List<Delivery> deliveries(long incidentId) {
		return this.jdbc.query(
				"SELECT SINK, ACTION, EVENT_ID, STATE, ATTEMPTS, CREATED_AT, DELIVERED_AT,"
						+ " NEXT_ATTEMPT_AT, LAST_ERROR FROM TY_INCIDENT_OUTBOX WHERE INCIDENT_ID = ? ORDER BY ID",
				(rs, row) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getInt(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
						PENDING.equals(rs.getString(4)) ? instant(rs.getTimestamp(8)) : null, rs.getString(9)),
				incidentId);
	}

	/**
	 * Pending rows due now, each the oldest pending one of its incident and sink (so
	 * notices go out in order), not leased by anyone.
	 */
	List<OutboxEntry> claimable(Instant now, int limit) {
		return this.jdbc.query(
				CLAIMABLE.formatted(limit), (rs, row) -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getLong(3),
						rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)),
				Timestamp.from(now), Timestamp.from(now));
	}

	/**
	 * @return whether this process now holds the row until {@code until}
	 */
	boolean claim(long id, String owner, Instant now, Instant until) {
		return this.jdbc.update(
				"UPDATE TY_INCIDENT_OUTBOX SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE ID = ?"
						+ " AND STATE = 'PENDING' AND (LEASE_UNTIL IS NULL OR LEASE_UNTIL < ?)",
				owner, Timestamp.from(until), id, Timestamp.from(now)) == 1;
	}

	void delivered(long id, int attempts, Instant now) {
		this.jdbc.update("UPDATE TY_INCIDENT_OUTBOX SET STATE = 'DELIVERED', ATTEMPTS = ?, DELIVERED_AT = ?,"
				+ " LEASE_UNTIL = NULL, LAST_ERROR = NULL WHERE ID = ?", attempts, Timestamp.from(now), id);
	}

	void retryAt(long id, int attempts, Instant next, String error) {
		this.jdbc.update("UPDATE TY_INCIDENT_OUTBOX SET ATTEMPTS = ?, NEXT_ATTEMPT_AT = ?, LEASE_UNTIL = NULL,"
				+ " LAST_ERROR = ? WHERE ID = ?", attempts, Timestamp.from(next), limit(error), id);
	}

	void failed(long id, int attempts, String error) {
		this.jdbc.update("UPDATE TY_INCIDENT_OUTBOX SET STATE = 'FAILED', ATTEMPTS = ?, LEASE_UNTIL = NULL,"
				+ " LAST_ERROR = ? WHERE ID = ?", attempts, limit(error), id);
	}

	/** Gives a claimed row back untouched (its sink's circuit breaker is open). */
	void release(long id) {
		this.jdbc.update("UPDATE TY_INCIDENT_OUTBOX SET LEASE_UNTIL = NULL WHERE ID = ?", id);
	}

	/**
	 * For each open incident and each of {@code sinks}, its latest notice, if delivered
	 * (a pending one goes out anyway): what a receiver that forgets silent alerts needs
	 * again.
	 */
	List<OutboxEntry> latestDeliveredOfOpenIncidents(List<String> sinks) {
		if (sinks.isEmpty()) {
			return List.of();
		}
		String in = String.join(", ", sinks.stream().map((sink) -> "?").toList());
		return this.jdbc.query("SELECT O.ID, O.EVENT_ID, O.INCIDENT_ID, O.SINK, O.ACTION, O.NOTICE, O.ATTEMPTS"
				+ " FROM TY_INCIDENT_OUTBOX O JOIN TY_INCIDENT I ON I.ID = O.INCIDENT_ID WHERE I.STATUS <> 'RESOLVED'"
				+ " AND O.STATE = 'DELIVERED' AND O.SINK IN (" + in + ") AND O.ID = (SELECT MAX(E.ID)"
				+ " FROM TY_INCIDENT_OUTBOX E WHERE E.INCIDENT_ID = O.INCIDENT_ID AND E.SINK = O.SINK) ORDER BY O.ID",
				(rs, row) -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getInt(7)),
				sinks.toArray());
	}

	Map<String, Long> pendingBySink() {
		Map<String, Long> pending = new HashMap<>();
		this.jdbc.query("SELECT SINK, COUNT(*) FROM TY_INCIDENT_OUTBOX WHERE STATE = 'PENDING' GROUP BY SINK", (rs) -> {
			pending.put(rs.getString(1), rs.getLong(2));
		});
		return pending;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static String limit(String error) {
		return (error != null && error.length() > 1000) ? error.substring(0, 997) + "..." : error;
	}

}
