package dev.trainyard.run;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.trainyard.training.command.LogLine;
import dev.trainyard.training.command.LogSink;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A command trainer's output, stored with its run in {@code TY_RUN_LOG}: at most
 * {@code trainyard.runs.log-lines} lines per run (the oldest go first), newest last. The
 * threads reading the trainer's output only queue lines ({@link Buffer}); the step's
 * thread writes them, in transactions of their own, so they can be read while the run
 * trains.
 */
@Component
class RunLogs {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final int limit;

	RunLogs(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, RunProperties properties) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.limit = properties.logLines();
	}

	/** A buffer of the run's next lines, numbered after those it has already. */
	Buffer buffer(String runId) {
		Long last = this.jdbc.queryForObject("SELECT MAX(SEQ) FROM TY_RUN_LOG WHERE RUN_ID = ?", Long.class, runId);
		return new Buffer(runId, (last != null) ? last : 0);
	}

	/** The run's last {@code count} stored lines (at most), oldest first. */
	List<LogLine> tail(String runId, int count) {
		List<LogLine> lines = new ArrayList<>(this.jdbc.query(
				"SELECT LOGGED_AT, SOURCE, LINE FROM TY_RUN_LOG WHERE RUN_ID = ? ORDER BY SEQ DESC FETCH FIRST "
						+ Math.max(1, count) + " ROWS ONLY",
				(rs, row) -> new LogLine(rs.getTimestamp(1).toInstant(), LogLine.Source.valueOf(rs.getString(2)),
						rs.getString(3)),
				runId));
		java.util.Collections.reverse(lines);
		return lines;
	}

	/** Lines queued by the output threads, written by {@link #flush()}. */
	final class Buffer implements LogSink {

		private final String runId;

		private final Queue<LogLine> pending = new ConcurrentLinkedQueue<>();

		private long seq;

		private Buffer(String runId, long seq) {
			this.runId = runId;
			this.seq = seq;
		}

		@Override
		public void append(LogLine line) {
			this.pending.add(line);
		}

		/** Writes the queued lines and drops the run's oldest beyond the limit. */
		synchronized void flush() {
			List<Object[]> rows = new ArrayList<>();
			for (LogLine line = this.pending.poll(); line != null; line = this.pending.poll()) {
				rows.add(new Object[] { this.runId, ++this.seq, Timestamp.from(line.at()), line.source().name(),
						line.text() });
			}
			if (rows.isEmpty()) {
				return;
			}
			long keepFrom = this.seq - RunLogs.this.limit;
			RunLogs.this.transaction.executeWithoutResult((status) -> {
				RunLogs.this.jdbc.batchUpdate(
						"INSERT INTO TY_RUN_LOG (RUN_ID, SEQ, LOGGED_AT, SOURCE, LINE) VALUES (?, ?, ?, ?, ?)", rows);
				if (keepFrom > 0) {
					RunLogs.this.jdbc.update("DELETE FROM TY_RUN_LOG WHERE RUN_ID = ? AND SEQ <= ?", this.runId,
							keepFrom);
				}
			});
		}

	}

}
