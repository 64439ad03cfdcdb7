package dev.trainyard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Benchmark helper, not a test: inserts finished runs of a pipeline straight into
 * {@code TY_RUN} (no Spring Batch execution behind them, as runs whose executions were
 * purged), so that list and launch costs can be measured with many runs in the database.
 * Nine in ten are {@code COMPLETED}/{@code PROMOTED}, one in ten {@code FAILED}, one a
 * minute into the past.
 * <p>
 * Arguments: {@code <jdbc url> <user> <count> <pipeline>} (empty password).
 */
public final class RunRowsGenerator {

	private RunRowsGenerator() {
	}

	public static void main(String[] args) throws Exception {
		int count = Integer.parseInt(args[2]);
		String pipeline = args[3];
		Instant base = Instant.now().minus(Duration.ofDays(400));
		try (Connection db = DriverManager.getConnection(args[0], args[1], "")) {
			db.setAutoCommit(false);
			try (PreparedStatement insert = db.prepareStatement("INSERT INTO TY_RUN (RUN_ID, PIPELINE,"
					+ " DEFINITION_SOURCE, DEFINITION_TEXT, OUTCOME, LAUNCHED_BY, CREATED_AT, STATE, STEP_NAME, ENDED_AT)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				for (int i = 0; i < count; i++) {
					boolean failed = i % 10 == 9;
					Timestamp created = Timestamp.from(base.plusSeconds(60L * i + (System.nanoTime() % 60)));
					insert.setString(1, UUID.randomUUID().toString());
					insert.setString(2, pipeline);
					insert.setString(3, "generated");
					insert.setString(4, "name: " + pipeline);
					insert.setString(5, failed ? "FAILED" : "PROMOTED");
					insert.setString(6, "bench");
					insert.setTimestamp(7, created);
					insert.setString(8, failed ? "FAILED" : "COMPLETED");
					insert.setString(9, failed ? "train" : "promote");
					insert.setTimestamp(10, created);
					insert.addBatch();
					if (i % 1000 == 999) {
						insert.executeBatch();
						db.commit();
					}
				}
				insert.executeBatch();
				db.commit();
			}
		}
	}

}
