package dev.trainyard.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.trainyard.incident.IncidentView.TimelineEntry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Incidents and their timelines. {@code OPEN_KEY} ({@code <pipeline>/<type>} while open)
 * is unique, so there is one open incident per pipeline and type.
 */
@Repository
class IncidentRepository {

	private static final String COLUMNS = "ID, PIPELINE, TYPE, SEVERITY, STATUS, TITLE, OCCURRENCES, RUNS_FAILED,"
			+ " MAX_MODEL_AGE_SECONDS, OPENED_AT, UPDATED_AT, RESOLVED_AT";

	private final JdbcTemplate jdbc;

	IncidentRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The open incident of a pipeline and type, locked for this transaction. */
	Optional<Incident> findOpenForUpdate(String pipeline, IncidentType type) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM TY_INCIDENT WHERE OPEN_KEY = ? FOR UPDATE", IncidentRepository::map,
					openKey(pipeline, type))
			.stream()
			.findFirst();
	}

	Optional<Incident> find(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM TY_INCIDENT WHERE ID = ?", IncidentRepository::map, id)
			.stream()
			.findFirst();
	}

	/**
	 * Newest first.
	 * @param open {@code true} only open ones, {@code null} any
	 * @param status only those in this status, {@code null} any
	 */
	List<Incident> list(Boolean open, IncidentStatus status, String pipeline, int limit) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM TY_INCIDENT WHERE 1 = 1");
		if (Boolean.TRUE.equals(open)) {
			sql.append(" AND STATUS <> 'RESOLVED'");
		}
		if (status != null) {
			sql.append(" AND STATUS = ?");
			args.add(status.name());
		}
		if (pipeline != null) {
			sql.append(" AND PIPELINE = ?");
			args.add(pipeline);
		}
		sql.append(" ORDER BY ID DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
		return this.jdbc.query(sql.toString(), IncidentRepository::map, args.toArray());
	}

	/**
	 * Inserts a new open incident.
	 * @throws org.springframework.dao.DuplicateKeyException when one of the pipeline and
	 * type is open already
	 */
	Incident insert(String pipeline, IncidentType type, Severity severity, String title, Long modelAgeSeconds,
			Instant now) {
		this.jdbc.update("INSERT INTO TY_INCIDENT (PIPELINE, TYPE, SEVERITY, STATUS, TITLE, OCCURRENCES, RUNS_FAILED,"
				+ " MAX_MODEL_AGE_SECONDS, OPEN_KEY, OPENED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
				pipeline, type.name(), severity.name(), IncidentStatus.DETECTED.name(), title,
				(type == IncidentType.TRAINING_FAILURE) ? 1 : 0, modelAgeSeconds, openKey(pipeline, type),
				Timestamp.from(now), Timestamp.from(now));
		return findOpenForUpdate(pipeline, type).orElseThrow();
	}

	void repeat(long id, Severity severity, String title, boolean runFailed, Long modelAgeSeconds, Instant now) {
		this.jdbc.update(
				"UPDATE TY_INCIDENT SET OCCURRENCES = OCCURRENCES + 1, SEVERITY = ?, TITLE = ?,"
						+ " RUNS_FAILED = RUNS_FAILED + ?, MAX_MODEL_AGE_SECONDS = COALESCE(?, MAX_MODEL_AGE_SECONDS),"
						+ " UPDATED_AT = ? WHERE ID = ?",
				severity.name(), title, runFailed ? 1 : 0, modelAgeSeconds, Timestamp.from(now), id);
	}

	/**
	 * Moves an open incident to {@code status}; resolving it frees its pipeline and type.
	 */
	void setStatus(long id, IncidentStatus status, Long maxModelAgeSeconds, Instant now) {
		boolean resolved = status == IncidentStatus.RESOLVED;
		this.jdbc.update(
				"UPDATE TY_INCIDENT SET STATUS = ?, UPDATED_AT = ?, RESOLVED_AT = ?,"
						+ " MAX_MODEL_AGE_SECONDS = COALESCE(?, MAX_MODEL_AGE_SECONDS)"
						+ (resolved ? ", OPEN_KEY = NULL" : "") + " WHERE ID = ?",
				status.name(), Timestamp.from(now), resolved ? Timestamp.from(now) : null, maxModelAgeSeconds, id);
	}

	/** Counts a failed run on every other open incident of the pipeline. */
	void countFailedRun(String pipeline, IncidentType except) {
		this.jdbc.update("UPDATE TY_INCIDENT SET RUNS_FAILED = RUNS_FAILED + 1 WHERE PIPELINE = ?"
				+ " AND STATUS <> 'RESOLVED' AND TYPE <> ?", pipeline, except.name());
	}

	void addTimeline(long id, Instant at, String actor, String action, String detail) {
		this.jdbc.update("INSERT INTO TY_INCIDENT_TIMELINE (INCIDENT_ID, HAPPENED_AT, ACTOR, ACTION, DETAIL)"
				+ " VALUES (?, ?, ?, ?, ?)", id, Timestamp.from(at), actor, action, truncate(detail));
	}

	List<TimelineEntry> timeline(long id) {
		return this.jdbc.query(
				"SELECT HAPPENED_AT, ACTOR, ACTION, DETAIL FROM TY_INCIDENT_TIMELINE WHERE INCIDENT_ID = ? ORDER BY ID",
				(rs, row) -> new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
						rs.getString(4)),
				id);
	}

	/** Open incidents by type and severity: {type, severity, count}. */
	List<Object[]> openCounts() {
		return this.jdbc.query(
				"SELECT TYPE, SEVERITY, COUNT(*) FROM TY_INCIDENT WHERE STATUS <> 'RESOLVED'"
						+ " GROUP BY TYPE, SEVERITY",
				(rs, row) -> new Object[] { rs.getString(1), rs.getString(2), rs.getLong(3) });
	}

	private static String openKey(String pipeline, IncidentType type) {
		return pipeline + "/" + type.name();
	}

	private static String truncate(String text) {
		return (text != null && text.length() > 2000) ? text.substring(0, 1997) + "..." : text;
	}

	private static Incident map(ResultSet rs, int row) throws SQLException {
		long age = rs.getLong("MAX_MODEL_AGE_SECONDS");
		Long maxAge = rs.wasNull() ? null : age;
		Timestamp resolved = rs.getTimestamp("RESOLVED_AT");
		return new Incident(rs.getLong("ID"), rs.getString("PIPELINE"), IncidentType.valueOf(rs.getString("TYPE")),
				Severity.valueOf(rs.getString("SEVERITY")), IncidentStatus.valueOf(rs.getString("STATUS")),
				rs.getString("TITLE"), rs.getInt("OCCURRENCES"), rs.getInt("RUNS_FAILED"), maxAge,
				rs.getTimestamp("OPENED_AT").toInstant(), rs.getTimestamp("UPDATED_AT").toInstant(),
				(resolved != null) ? resolved.toInstant() : null);
	}

}
