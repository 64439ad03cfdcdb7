package dev.trainyard.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The champion pointer of each pipeline and its append-only history. There is no code
 * path that updates or deletes a history row.
 */
@Repository
class ChampionRepository {

	private final JdbcTemplate jdbc;

	ChampionRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Integer> champion(String pipeline) {
		return this.jdbc
			.queryForList("SELECT VERSION FROM TY_CHAMPION WHERE PIPELINE = ? FOR UPDATE", Integer.class, pipeline)
			.stream()
			.findFirst();
	}

	/**
	 * The champion's version and when it became the champion, locking its row until the
	 * transaction ends.
	 */
	Optional<Current> current(String pipeline) {
		return this.jdbc
			.query("SELECT VERSION, CHANGED_AT FROM TY_CHAMPION WHERE PIPELINE = ? FOR UPDATE",
					(rs, row) -> new Current(rs.getInt("VERSION"), rs.getTimestamp("CHANGED_AT").toInstant()), pipeline)
			.stream()
			.findFirst();
	}

	/** Every pipeline that has a model version. */
	List<String> pipelines() {
		return this.jdbc.queryForList("SELECT DISTINCT PIPELINE FROM TY_MODEL_VERSION ORDER BY PIPELINE", String.class);
	}

	void setChampion(String pipeline, int version, Instant now) {
		int updated = this.jdbc.update("UPDATE TY_CHAMPION SET VERSION = ?, CHANGED_AT = ? WHERE PIPELINE = ?", version,
				Timestamp.from(now), pipeline);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO TY_CHAMPION (PIPELINE, VERSION, CHANGED_AT) VALUES (?, ?, ?)", pipeline,
					version, Timestamp.from(now));
		}
	}

	void appendHistory(String pipeline, Integer from, int to, String action, String actor, String reason, String runId,
			Instant now) {
		this.jdbc.update(
				"INSERT INTO TY_CHAMPION_HISTORY (PIPELINE, FROM_VERSION, TO_VERSION, ACTION, ACTOR, REASON,"
						+ " RUN_ID, CHANGED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				pipeline, from, to, action, actor, reason, runId, Timestamp.from(now));
	}

	List<ChampionChange> history(String pipeline) {
		return this.jdbc.query("SELECT * FROM TY_CHAMPION_HISTORY WHERE PIPELINE = ? ORDER BY ID",
				ChampionRepository::map, pipeline);
	}

	boolean promotedByRun(String runId) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM TY_CHAMPION_HISTORY WHERE RUN_ID = ? AND ACTION = 'PROMOTION'", Integer.class,
				runId);
		return count != null && count > 0;
	}

	/** A pipeline's champion and since when. */
	record Current(int version, Instant since) {
	}

	private static ChampionChange map(ResultSet rs, int row) throws SQLException {
		int from = rs.getInt("FROM_VERSION");
		boolean noFrom = rs.wasNull();
		return new ChampionChange(rs.getLong("ID"), rs.getString("PIPELINE"), noFrom ? null : from,
				rs.getInt("TO_VERSION"), rs.getString("ACTION"), rs.getString("ACTOR"), rs.getString("REASON"),
				rs.getString("RUN_ID"), rs.getTimestamp("CHANGED_AT").toInstant());
	}

}
