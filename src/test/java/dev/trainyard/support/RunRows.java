package dev.trainyard.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bare {@code TY_RUN} row, for tests of the building blocks that record rows pointing
 * at a run (checkpoints) without running a job. Its state is {@code FAILED}: a run that
 * nobody holds, so no dead-run detector or owner takes it up.
 */
public final class RunRows {

	private RunRows() {
	}

	/** Records a new run of {@code pipeline} and returns its id. */
	public static String insert(JdbcTemplate jdbc, String pipeline) {
		String runId = UUID.randomUUID().toString();
		jdbc.update(
				"INSERT INTO TY_RUN (RUN_ID, PIPELINE, DEFINITION_SOURCE, DEFINITION_TEXT, CREATED_AT, STATE)"
						+ " VALUES (?, ?, ?, ?, ?, 'FAILED')",
				runId, pipeline, "jobs/" + pipeline + ".yaml", "name: " + pipeline, Timestamp.from(Instant.now()));
		return runId;
	}

}
