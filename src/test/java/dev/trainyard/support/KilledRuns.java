package dev.trainyard.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts a run's database rows in the state a {@code kill -9} leaves them in: its latest
 * job execution and one step execution {@code STARTED}, the run {@code STARTED} and owned
 * by a process on this host (or another one).
 */
public final class KilledRuns {

	private KilledRuns() {
	}

	/**
	 * @param step the step that was executing
	 * @param pid the owner's process id (a finished process for a dead owner, a live one
	 * for a run that is still alive)
	 * @param started the owner's start time
	 */
	public static void leave(JdbcTemplate jdbc, String runId, String step, long pid, Instant started) {
		Long execution = jdbc.queryForObject(
				"SELECT MAX(E.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION E"
						+ " JOIN TY_RUN R ON R.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID WHERE R.RUN_ID = ?",
				Long.class, runId);
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL"
				+ " WHERE JOB_EXECUTION_ID = ?", execution);
		jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', END_TIME = NULL"
				+ " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?", execution, step);
		owned(jdbc, runId, step, execution, hostName(), pid, started, Instant.now());
	}

	/**
	 * Like {@link #leave}, for an owner on another host whose last heartbeat was at
	 * {@code heartbeat}.
	 */
	public static void leaveOnAnotherHost(JdbcTemplate jdbc, String runId, String step, Instant heartbeat) {
		leave(jdbc, runId, step, 1, Instant.now());
		Long execution = jdbc.queryForObject("SELECT EXECUTION_ID FROM TY_RUN WHERE RUN_ID = ?", Long.class, runId);
		owned(jdbc, runId, step, execution, "another-host.invalid", 4242, Instant.now(), heartbeat);
	}

	private static void owned(JdbcTemplate jdbc, String runId, String step, Long execution, String host, long pid,
			Instant started, Instant heartbeat) {
		jdbc.update(
				"UPDATE TY_RUN SET STATE = 'STARTED', STEP_NAME = ?, EXECUTION_ID = ?, OUTCOME = NULL,"
						+ " ENDED_AT = NULL, FAILURE_KIND = NULL, FAILURE_REASON = NULL, OWNER_ID = ?, OWNER_HOST = ?,"
						+ " OWNER_PID = ?, OWNER_STARTED_AT = ?, HEARTBEAT_AT = ? WHERE RUN_ID = ?",
				step, execution, host + "/" + pid + "/killed", host, pid, Timestamp.from(started),
				Timestamp.from(heartbeat), runId);
	}

	/** A process id that certainly belongs to no live process. */
	public static Process finishedProcess() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		return gone;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
