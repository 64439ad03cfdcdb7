package dev.trainyard.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import dev.trainyard.failure.FailureKind;

/**
 * A {@code TY_RUN} row as a {@link RunRecord}.
 */
final class RunRecordMapper {

	private RunRecordMapper() {
	}

	static RunRecord map(ResultSet rs, int row) throws SQLException {
		String ownerId = rs.getString("OWNER_ID");
		ProcessOwner owner = (ownerId != null) ? new ProcessOwner(ownerId, rs.getString("OWNER_HOST"),
				rs.getLong("OWNER_PID"), rs.getTimestamp("OWNER_STARTED_AT").toInstant()) : null;
		String outcome = rs.getString("OUTCOME");
		String step = rs.getString("STEP_NAME");
		String kind = rs.getString("FAILURE_KIND");
		return new RunRecord(rs.getString("RUN_ID"), rs.getString("PIPELINE"), nullableLong(rs, "JOB_INSTANCE_ID"),
				rs.getString("DEFINITION_SOURCE"), rs.getString("DEFINITION_TEXT"),
				RunStatus.valueOf(rs.getString("STATE")), (step != null) ? RunStep.of(step).orElse(null) : null,
				nullableLong(rs, "EXECUTION_ID"), (outcome != null) ? Outcome.valueOf(outcome) : null,
				nullableInt(rs, "MODEL_VERSION"), rs.getString("LAUNCHED_BY"), instant(rs, "CREATED_AT"),
				instant(rs, "ENDED_AT"), owner, rs.getLong("OWNER_TOKEN"), instant(rs, "HEARTBEAT_AT"),
				rs.getString("STOP_REQUESTED_BY"), (kind != null) ? FailureKind.valueOf(kind) : null,
				rs.getString("FAILURE_REASON"), rs.getInt("RESTARTS"), instant(rs, "NEXT_ATTEMPT_AT"),
				instant(rs, "QUEUED_AT"), rs.getString("ERROR"));
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
