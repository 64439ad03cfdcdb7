package dev.trainyard.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class RunRepository {

	private final JdbcTemplate jdbc;

	RunRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String runId, String pipeline, String source, String text, String launchedBy, Instant now) {
		this.jdbc
			.update("INSERT INTO TY_RUN (RUN_ID, PIPELINE, DEFINITION_SOURCE, DEFINITION_TEXT, LAUNCHED_BY, CREATED_AT)"
					+ " VALUES (?, ?, ?, ?, ?, ?)", runId, pipeline, source, text, launchedBy, Timestamp.from(now));
	}

	void setJobInstance(String runId, long jobInstanceId) {
		this.jdbc.update("UPDATE TY_RUN SET JOB_INSTANCE_ID = ? WHERE RUN_ID = ?", jobInstanceId, runId);
	}

	void setOutcome(String runId, String outcome, Integer modelVersion) {
		this.jdbc.update("UPDATE TY_RUN SET OUTCOME = ?, MODEL_VERSION = COALESCE(?, MODEL_VERSION) WHERE RUN_ID = ?",
				outcome, modelVersion, runId);
	}

	void claim(String runId, ProcessOwner owner, Instant now) {
		this.jdbc.update(
				"UPDATE TY_RUN SET OWNER_HOST = ?, OWNER_PID = ?, OWNER_STARTED_AT = ?, HEARTBEAT_AT = ?"
						+ " WHERE RUN_ID = ?",
				owner.host(), owner.pid(), Timestamp.from(owner.startedAt()), Timestamp.from(now), runId);
	}

	int heartbeat(List<String> runIds, Instant now) {
		int updated = 0;
		for (String runId : runIds) {
			updated += this.jdbc.update("UPDATE TY_RUN SET HEARTBEAT_AT = ? WHERE RUN_ID = ?", Timestamp.from(now),
					runId);
		}
		return updated;
	}

	void recordAction(String runId, String action, String actor, String detail, Instant now) {
		this.jdbc.update("INSERT INTO TY_RUN_ACTION (RUN_ID, ACTION, ACTOR, DETAIL, ACTED_AT) VALUES (?, ?, ?, ?, ?)",
				runId, action, actor, detail, Timestamp.from(now));
	}

	List<RunView.Action> actions(String runId) {
		return this.jdbc.query("SELECT ACTION, ACTOR, DETAIL, ACTED_AT FROM TY_RUN_ACTION WHERE RUN_ID = ? ORDER BY ID",
				(rs, row) -> new RunView.Action(rs.getString("ACTION"), rs.getString("ACTOR"), rs.getString("DETAIL"),
						rs.getTimestamp("ACTED_AT").toInstant()),
				runId);
	}

	Optional<RunRecord> find(String runId) {
		return this.jdbc.query("SELECT * FROM TY_RUN WHERE RUN_ID = ?", RunRepository::map, runId).stream().findFirst();
	}

	Optional<RunRecord> findByJobInstance(long jobInstanceId) {
		return this.jdbc.query("SELECT * FROM TY_RUN WHERE JOB_INSTANCE_ID = ?", RunRepository::map, jobInstanceId)
			.stream()
			.findFirst();
	}

	/** Newest first; {@code pipeline} may be {@code null} for all pipelines. */
	List<RunRecord> findRecent(String pipeline, int limit) {
		String where = (pipeline != null) ? " WHERE PIPELINE = ?" : "";
		Object[] args = (pipeline != null) ? new Object[] { pipeline } : new Object[0];
		return this.jdbc.query("SELECT * FROM TY_RUN" + where + " ORDER BY CREATED_AT DESC, RUN_ID DESC FETCH FIRST "
				+ Math.max(1, limit) + " ROWS ONLY", RunRepository::map, args);
	}

	private static RunRecord map(ResultSet rs, int row) throws SQLException {
		long instance = rs.getLong("JOB_INSTANCE_ID");
		Long jobInstanceId = rs.wasNull() ? null : instance;
		int version = rs.getInt("MODEL_VERSION");
		Integer modelVersion = rs.wasNull() ? null : version;
		String host = rs.getString("OWNER_HOST");
		ProcessOwner owner = (host != null)
				? new ProcessOwner(host, rs.getLong("OWNER_PID"), rs.getTimestamp("OWNER_STARTED_AT").toInstant())
				: null;
		Timestamp heartbeat = rs.getTimestamp("HEARTBEAT_AT");
		return new RunRecord(rs.getString("RUN_ID"), rs.getString("PIPELINE"), jobInstanceId,
				rs.getString("DEFINITION_SOURCE"), rs.getString("DEFINITION_TEXT"), rs.getString("OUTCOME"),
				modelVersion, rs.getString("LAUNCHED_BY"), rs.getTimestamp("CREATED_AT").toInstant(), owner,
				(heartbeat != null) ? heartbeat.toInstant() : null);
	}

}
