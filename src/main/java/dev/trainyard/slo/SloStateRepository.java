package dev.trainyard.slo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The last evaluated status of each pipeline's SLOs. A change is claimed by a conditional
 * update, so one process (of several on one database) publishes it, once.
 */
@Repository
class SloStateRepository {

	private final JdbcTemplate jdbc;

	SloStateRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> status(String pipeline, String slo) {
		return this.jdbc
			.queryForList("SELECT STATUS FROM TY_SLO_STATE WHERE PIPELINE = ? AND SLO = ?", String.class, pipeline, slo)
			.stream()
			.findFirst();
	}

	/**
	 * Moves the status from {@code from} ({@code null}: no row yet) to {@code to}.
	 * @return whether this call made the change
	 */
	boolean change(String pipeline, String slo, String from, String to, Instant now) {
		if (from == null) {
			return this.jdbc.update(
					"INSERT INTO TY_SLO_STATE (PIPELINE, SLO, STATUS, CHANGED_AT) SELECT ?, ?, ?, ? FROM (VALUES (1)) T"
							+ " WHERE NOT EXISTS (SELECT 1 FROM TY_SLO_STATE WHERE PIPELINE = ? AND SLO = ?)",
					pipeline, slo, to, Timestamp.from(now), pipeline, slo) == 1;
		}
		return this.jdbc.update(
				"UPDATE TY_SLO_STATE SET STATUS = ?, CHANGED_AT = ? WHERE PIPELINE = ? AND SLO = ? AND STATUS = ?", to,
				Timestamp.from(now), pipeline, slo, from) == 1;
	}

}
