package dev.trainyard.run;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import dev.trainyard.training.command.TrainerPid;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command trainer a run's owner started last, recorded in {@code TY_RUN} (host,
 * process id, start time) as soon as it runs and cleared once it is gone, each in a
 * transaction of its own (so the record is there whatever becomes of the step's chunk),
 * so that a later process can end a trainer a crash left behind.
 */
@Component
class TrainerPids {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	TrainerPids(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	void record(String runId, TrainerPid trainer) {
		this.transaction.executeWithoutResult((status) -> this.jdbc.update(
				"UPDATE TY_RUN SET TRAINER_HOST = ?, TRAINER_PID = ?, TRAINER_STARTED_AT = ? WHERE RUN_ID = ?",
				ProcessOwner.thisHost(), trainer.pid(), Timestamp.from(trainer.startedAt()), runId));
	}

	void clear(String runId) {
		this.transaction.executeWithoutResult((status) -> this.jdbc.update(
				"UPDATE TY_RUN SET TRAINER_HOST = NULL, TRAINER_PID = NULL, TRAINER_STARTED_AT = NULL WHERE RUN_ID = ?",
				runId));
	}

	/** The recorded trainer, when there is one and it ran on this host. */
	Optional<TrainerPid> onThisHost(String runId) {
		List<TrainerPid> found = this.jdbc.query(
				"SELECT TRAINER_PID, TRAINER_STARTED_AT FROM TY_RUN WHERE RUN_ID = ? AND TRAINER_PID IS NOT NULL"
						+ " AND TRAINER_HOST = ?",
				(rs, row) -> new TrainerPid(rs.getLong(1), rs.getTimestamp(2).toInstant()), runId,
				ProcessOwner.thisHost());
		return found.stream().findFirst();
	}

	/**
	 * Whether a trainer is recorded for the run on another host (which this one cannot
	 * end).
	 */
	boolean onAnotherHost(String runId) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM TY_RUN WHERE RUN_ID = ? AND TRAINER_PID IS NOT NULL AND TRAINER_HOST <> ?",
				Integer.class, runId, ProcessOwner.thisHost());
		return count != null && count > 0;
	}

}
