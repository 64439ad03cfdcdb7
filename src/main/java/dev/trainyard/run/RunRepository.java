package dev.trainyard.run;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.failure.FailureKind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * {@code TY_RUN} and {@code TY_RUN_ACTION}. Every write of a run's owner names the token
 * it claimed the run with ({@code OWNER_TOKEN}), so a process that lost the run writes
 * nothing to it any more. Times that other processes compare (heartbeats) are the
 * database's clock.
 */
@Repository
class RunRepository {

	private final JdbcTemplate jdbc;

	RunRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String runId, String pipeline, String source, String text, String launchedBy, RunStatus state,
			Instant now) {
		this.jdbc.update(
				"INSERT INTO TY_RUN (RUN_ID, PIPELINE, DEFINITION_SOURCE, DEFINITION_TEXT, LAUNCHED_BY, CREATED_AT, STATE,"
						+ " QUEUED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				runId, pipeline, source, text, launchedBy, Timestamp.from(now), state.name(),
				(state == RunStatus.QUEUED) ? Timestamp.from(now) : null);
	}

	/**
	 * Whether the pipeline has a run that is not done: waiting in the queue, starting,
	 * training, stopping, or failed with a run-level restart due.
	 */
	boolean isBusy(String pipeline) {
		Integer busy = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM TY_RUN WHERE PIPELINE = ? AND (STATE IN (?, ?, ?, ?) OR NEXT_ATTEMPT_AT IS NOT NULL)",
				Integer.class, pipeline, RunStatus.QUEUED.name(), RunStatus.STARTING.name(), RunStatus.STARTED.name(),
				RunStatus.STOPPING.name());
		return busy != null && busy > 0;
	}

	/**
	 * Puts a run that stopped or failed (and nobody holds) in the queue, to be restarted
	 * when a slot is free.
	 * @return whether it was queued
	 */
	boolean queue(String runId, Instant now) {
		return this.jdbc.update(
				"UPDATE TY_RUN SET STATE = ?, QUEUED_AT = ? WHERE RUN_ID = ? AND OWNER_ID IS NULL"
						+ " AND STATE IN (?, ?)",
				RunStatus.QUEUED.name(), Timestamp.from(now), runId, RunStatus.STOPPED.name(),
				RunStatus.FAILED.name()) == 1;
	}

	/** A queued run its claimant is about to start: {@code STARTING}. */
	void leaveQueue(String runId, long token) {
		this.jdbc.update(
				"UPDATE TY_RUN SET STATE = ?, QUEUED_AT = NULL WHERE RUN_ID = ? AND OWNER_TOKEN = ?" + " AND STATE = ?",
				RunStatus.STARTING.name(), runId, token, RunStatus.QUEUED.name());
	}

	/** Takes a run out of the queue: {@code STOPPED}, resumable. */
	boolean unqueue(String runId, Instant now) {
		return this.jdbc.update(
				"UPDATE TY_RUN SET STATE = ?, QUEUED_AT = NULL, ENDED_AT = ? WHERE RUN_ID = ?"
						+ " AND STATE = ? AND OWNER_ID IS NULL",
				RunStatus.STOPPED.name(), Timestamp.from(now), runId, RunStatus.QUEUED.name()) == 1;
	}

	/** The oldest runs waiting in the queue, first in first out. */
	List<RunRecord> queued(int limit) {
		return this.jdbc.query("SELECT * FROM TY_RUN WHERE STATE = ? ORDER BY QUEUED_AT, RUN_ID FETCH FIRST "
				+ Math.max(1, limit) + " ROWS ONLY", RunRecordMapper::map, RunStatus.QUEUED.name());
	}

	int countQueued() {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM TY_RUN WHERE STATE = ?", Integer.class,
				RunStatus.QUEUED.name());
		return (count != null) ? count : 0;
	}

	/**
	 * Failed runs whose run-level restart is due at {@code now} and that nobody holds.
	 */
	List<RunRecord> dueRestarts(Instant now) {
		return this.jdbc.query(
				"SELECT * FROM TY_RUN WHERE NEXT_ATTEMPT_AT <= ? AND STATE = ? AND OWNER_ID IS NULL"
						+ " ORDER BY NEXT_ATTEMPT_AT",
				RunRecordMapper::map, Timestamp.from(now), RunStatus.FAILED.name());
	}

	/**
	 * The claimed run is about to be restarted: as a run-level restart (counted, and its
	 * pending attempt taken) or because a user asked (its count of run-level restarts
	 * starts over).
	 */
	void restarting(String runId, long token, boolean automatic) {
		this.jdbc.update(
				"UPDATE TY_RUN SET RESTARTS = " + (automatic ? "RESTARTS + 1" : "0")
						+ ", NEXT_ATTEMPT_AT = NULL, QUEUED_AT = NULL WHERE RUN_ID = ? AND OWNER_TOKEN = ?",
				runId, token);
	}

	/** When the run's next run-level restart is due ({@code null}: none). */
	void nextAttempt(String runId, Instant at) {
		this.jdbc.update("UPDATE TY_RUN SET NEXT_ATTEMPT_AT = ? WHERE RUN_ID = ?",
				(at != null) ? Timestamp.from(at) : null, runId);
	}

	/** The database's clock: what heartbeats are written with and compared against. */
	Instant now() {
		return this.jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class).toInstant();
	}

	/**
	 * Makes this process the run's owner if nobody claimed it since its row was read with
	 * {@code token}.
	 * @return whether the claim won
	 */
	boolean claim(String runId, long token, ProcessOwner owner) {
		return this.jdbc.update(
				"UPDATE TY_RUN SET OWNER_ID = ?, OWNER_HOST = ?, OWNER_PID = ?, OWNER_STARTED_AT = ?,"
						+ " OWNER_TOKEN = OWNER_TOKEN + 1, HEARTBEAT_AT = CURRENT_TIMESTAMP, STOP_REQUESTED_AT = NULL,"
						+ " STOP_REQUESTED_BY = NULL WHERE RUN_ID = ? AND OWNER_TOKEN = ?",
				owner.id(), owner.host(), owner.pid(), Timestamp.from(owner.startedAt()), runId, token) == 1;
	}

	/**
	 * Gives the run up, if it is still held with {@code token}. The token moves on, so a
	 * claim made from a row read while it was held fails.
	 */
	void release(String runId, long token) {
		this.jdbc.update("UPDATE TY_RUN SET OWNER_ID = NULL, OWNER_TOKEN = OWNER_TOKEN + 1 WHERE RUN_ID = ?"
				+ " AND OWNER_TOKEN = ?", runId, token);
	}

	/**
	 * Records that the owner holding {@code token} is alive.
	 * @return whether it still holds the run
	 */
	boolean heartbeat(String runId, long token) {
		return this.jdbc.update("UPDATE TY_RUN SET HEARTBEAT_AT = CURRENT_TIMESTAMP WHERE RUN_ID = ?"
				+ " AND OWNER_TOKEN = ? AND OWNER_ID IS NOT NULL", runId, token) == 1;
	}

	/** The owner's new execution: started, outcome of an earlier one cleared. */
	boolean started(String runId, long token, long jobInstanceId, long executionId) {
		return this.jdbc.update(
				"UPDATE TY_RUN SET STATE = ?, JOB_INSTANCE_ID = ?, EXECUTION_ID = ?, OUTCOME = NULL,"
						+ " ENDED_AT = NULL, FAILURE_KIND = NULL, FAILURE_REASON = NULL, ERROR = NULL, STEP_NAME = NULL"
						+ " WHERE RUN_ID = ? AND OWNER_TOKEN = ? AND OWNER_ID IS NOT NULL",
				RunStatus.STARTED.name(), jobInstanceId, executionId, runId, token) == 1;
	}

	void step(String runId, long token, RunStep step) {
		this.jdbc.update("UPDATE TY_RUN SET STEP_NAME = ? WHERE RUN_ID = ? AND OWNER_TOKEN = ?", step.stepName(), runId,
				token);
	}

	/**
	 * How the owner's execution ended (its outcome may be {@code null}: stopped,
	 * resumable).
	 * @return whether it was still the owner
	 */
	boolean ended(String runId, long token, RunEnd end, Instant now) {
		return this.jdbc.update(
				"UPDATE TY_RUN SET STATE = ?, OUTCOME = ?, MODEL_VERSION = COALESCE(?, MODEL_VERSION),"
						+ " FAILURE_KIND = ?, FAILURE_REASON = ?, ERROR = ?, ENDED_AT = ?, STOP_REQUESTED_AT = NULL,"
						+ " STOP_REQUESTED_BY = NULL WHERE RUN_ID = ? AND OWNER_TOKEN = ?",
				end.state().name(), name(end.outcome()), end.modelVersion(), name(end.failureKind()),
				end.failureReason(), FailureMessages.fit(end.error()), Timestamp.from(now), runId, token) == 1;
	}

	/**
	 * Ends a run outside its job (rejected, expired, superseded; recovered after its
	 * process died), whoever holds it.
	 */
	void endOutsideTheJob(String runId, RunStatus state, Outcome outcome, FailureKind kind, String reason,
			Instant now) {
		this.jdbc.update(
				"UPDATE TY_RUN SET STATE = ?, OUTCOME = ?, FAILURE_KIND = ?, FAILURE_REASON = ?, ERROR = NULL, ENDED_AT = ?,"
						+ " STOP_REQUESTED_AT = NULL, STOP_REQUESTED_BY = NULL WHERE RUN_ID = ?",
				state.name(), name(outcome), name(kind), reason, Timestamp.from(now), runId);
	}

	/**
	 * Asks a run that is starting or training to stop; not one that promotes (a promotion
	 * is all or nothing).
	 * @return whether the request was recorded
	 */
	boolean requestStop(String runId, String actor) {
		return this.jdbc.update(
				"UPDATE TY_RUN SET STOP_REQUESTED_AT = CURRENT_TIMESTAMP, STOP_REQUESTED_BY = ?, STATE = ?"
						+ " WHERE RUN_ID = ? AND STATE IN (?, ?) AND (STEP_NAME IS NULL OR STEP_NAME <> ?)",
				actor, RunStatus.STOPPING.name(), runId, RunStatus.STARTING.name(), RunStatus.STARTED.name(),
				RunStep.PROMOTE.stepName()) == 1;
	}

	/** The runs among {@code runIds} that somebody asked to stop, with who asked. */
	Map<String, String> stopRequests(List<String> runIds) {
		if (runIds.isEmpty()) {
			return Map.of();
		}
		Map<String, String> requests = new HashMap<>();
		this.jdbc.query(
				"SELECT RUN_ID, STOP_REQUESTED_BY FROM TY_RUN WHERE STOP_REQUESTED_AT IS NOT NULL AND RUN_ID IN ("
						+ String.join(", ", runIds.stream().map((id) -> "?").toList()) + ")",
				(RowCallbackHandler) (rs) -> requests.put(rs.getString(1), rs.getString(2)), runIds.toArray());
		return requests;
	}

	void recordAction(String runId, RunAction action, String actor, String detail, Instant now) {
		this.jdbc.update("INSERT INTO TY_RUN_ACTION (RUN_ID, ACTION, ACTOR, DETAIL, ACTED_AT) VALUES (?, ?, ?, ?, ?)",
				runId, action.name(), actor, detail, Timestamp.from(now));
	}

	List<RunView.Action> actions(String runId) {
		return this.jdbc.query("SELECT ACTION, ACTOR, DETAIL, ACTED_AT FROM TY_RUN_ACTION WHERE RUN_ID = ? ORDER BY ID",
				(rs, row) -> new RunView.Action(RunAction.valueOf(rs.getString("ACTION")), rs.getString("ACTOR"),
						rs.getString("DETAIL"), rs.getTimestamp("ACTED_AT").toInstant()),
				runId);
	}

	Optional<RunRecord> find(String runId) {
		return this.jdbc.query("SELECT * FROM TY_RUN WHERE RUN_ID = ?", RunRecordMapper::map, runId)
			.stream()
			.findFirst();
	}

	/**
	 * Newest first; {@code pipeline}, {@code states} and {@code outcome} may be
	 * {@code null} for all.
	 */
	List<RunRecord> findRecent(String pipeline, List<RunStatus> states, Outcome outcome, int limit) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (pipeline != null) {
			where.append(" AND PIPELINE = ?");
			args.add(pipeline);
		}
		if (states != null) {
			where.append(" AND STATE IN (")
				.append(String.join(", ", states.stream().map((s) -> "?").toList()))
				.append(")");
			states.forEach((state) -> args.add(state.name()));
		}
		if (outcome != null) {
			where.append(" AND OUTCOME = ?");
			args.add(outcome.name());
		}
		return this.jdbc.query("SELECT * FROM TY_RUN" + where + " ORDER BY CREATED_AT DESC, RUN_ID DESC FETCH FIRST "
				+ Math.max(1, limit) + " ROWS ONLY", RunRecordMapper::map, args.toArray());
	}

	/** Runs that look like somebody executes them: claimed, or in a running state. */
	List<RunRecord> findHeld() {
		return this.jdbc.query("SELECT * FROM TY_RUN WHERE OWNER_ID IS NOT NULL OR STATE IN (?, ?, ?)",
				RunRecordMapper::map, RunStatus.STARTING.name(), RunStatus.STARTED.name(), RunStatus.STOPPING.name());
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
