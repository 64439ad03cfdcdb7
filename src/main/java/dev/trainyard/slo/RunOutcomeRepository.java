package dev.trainyard.slo;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The latest outcome of every finished run, for the run-success budget.
 */
@Repository
class RunOutcomeRepository {

	private final JdbcTemplate jdbc;

	RunOutcomeRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a run's outcome; a later outcome of the same run replaces it. */
	void record(String pipeline, String runId, String outcome, boolean failed, Instant endedAt) {
		int updated = this.jdbc.update(
				"UPDATE TY_RUN_OUTCOME SET OUTCOME = ?, FAILED = ?, ENDED_AT = ? WHERE RUN_ID = ?", outcome, failed,
				Timestamp.from(endedAt), runId);
		if (updated == 0) {
			this.jdbc.update(
					"INSERT INTO TY_RUN_OUTCOME (RUN_ID, PIPELINE, OUTCOME, FAILED, ENDED_AT) VALUES (?, ?, ?, ?, ?)",
					runId, pipeline, outcome, failed, Timestamp.from(endedAt));
		}
	}

	/**
	 * Runs of {@code pipeline} that ended after {@code since}, but {@code excludedRun}
	 * ({@code null} for none): {total, failed}.
	 */
	long[] countSince(String pipeline, Instant since, String excludedRun) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*), COALESCE(SUM(CASE WHEN FAILED THEN 1 ELSE 0 END), 0) FROM TY_RUN_OUTCOME"
						+ " WHERE PIPELINE = ? AND ENDED_AT > ? AND RUN_ID <> ?",
				(rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) }, pipeline, Timestamp.from(since),
				(excludedRun != null) ? excludedRun : "");
	}

}
