package dev.trainyard.checkpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class CheckpointRepository {

	private static final String COLUMNS = "ID, RUN_ID, PIPELINE, ROUND_NO, BLOB_KEY, LOCATION, SIZE_BYTES, SHA256, CREATED_AT, CORRUPT, DELETED_AT, FILE_SET";

	private final JdbcTemplate jdbc;

	CheckpointRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the recorded checkpoint, with its generated id
	 */
	CheckpointRef insert(String runId, String pipeline, int round, String key, String location, long size,
			String sha256, Instant createdAt) {
		return insert(runId, pipeline, round, key, location, size, sha256, createdAt, false);
	}

	/**
	 * @param fileSet whether the checkpoint is a set of files ({@code key} names its
	 * manifest)
	 * @return the recorded checkpoint, with its generated id
	 */
	CheckpointRef insert(String runId, String pipeline, int round, String key, String location, long size,
			String sha256, Instant createdAt, boolean fileSet) {
		this.jdbc.update(
				"INSERT INTO TY_CHECKPOINT (RUN_ID, PIPELINE, ROUND_NO, BLOB_KEY, LOCATION, SIZE_BYTES, SHA256,"
						+ " CREATED_AT, FILE_SET) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				runId, pipeline, round, key, location, size, sha256, Timestamp.from(createdAt), fileSet);
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM TY_CHECKPOINT WHERE RUN_ID = ? AND ROUND_NO = ?"
					+ " ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY", CheckpointRepository::map, runId, round)
			.get(0);
	}

	/** Newest first: highest round, and of equal rounds the latest written. */
	List<CheckpointRef> findByRun(String runId) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM TY_CHECKPOINT WHERE RUN_ID = ? ORDER BY ROUND_NO DESC, ID DESC",
				CheckpointRepository::map, runId);
	}

	void markDeleted(long id, Instant now) {
		this.jdbc.update("UPDATE TY_CHECKPOINT SET DELETED_AT = ? WHERE ID = ?", Timestamp.from(now), id);
	}

	void unmarkDeleted(long id) {
		this.jdbc.update("UPDATE TY_CHECKPOINT SET DELETED_AT = NULL WHERE ID = ?", id);
	}

	void markCorrupt(long id) {
		this.jdbc.update("UPDATE TY_CHECKPOINT SET CORRUPT = TRUE WHERE ID = ?", id);
	}

	private static CheckpointRef map(ResultSet rs, int row) throws SQLException {
		return new CheckpointRef(rs.getLong("ID"), rs.getString("RUN_ID"), rs.getString("PIPELINE"),
				rs.getInt("ROUND_NO"), rs.getString("BLOB_KEY"), rs.getString("LOCATION"), rs.getLong("SIZE_BYTES"),
				rs.getString("SHA256").trim(), rs.getTimestamp("CREATED_AT").toInstant(), rs.getBoolean("CORRUPT"),
				rs.getTimestamp("DELETED_AT") != null, rs.getBoolean("FILE_SET"));
	}

}
