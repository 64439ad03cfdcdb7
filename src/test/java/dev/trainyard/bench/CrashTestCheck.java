package dev.trainyard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.FileBlobStore;
import dev.trainyard.store.S3ProxyServer;
import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;

/**
 * Crash-test helper, not a test: reads a Trainyard database (and its store) after
 * {@code bench/crash-test.sh} killed and resumed a pipeline's run, and prints what the
 * harness checks, one {@code key=value} a line: the newest run's state and outcome, the
 * number of runs, of registered versions and of champion changes, the executions left
 * running, and every checkpoint row not marked deleted whose blob is missing or does not
 * match its size and SHA-256 (named on stderr).
 * <p>
 * Arguments: {@code <jdbc url> <user> <password> <pipeline> <store>}, where store is
 * {@code file:<root dir>} or {@code s3:<endpoint>|<bucket>|<prefix>} (S3Proxy's key).
 */
public final class CrashTestCheck {

	private CrashTestCheck() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String user = args[1];
		String password = args[2];
		String pipeline = args[3];
		Map<String, Object> out = new LinkedHashMap<>();
		List<String> bad = new ArrayList<>();
		try (Connection db = connect(url, user, password); Store store = Store.of(args[4])) {
			if (db == null || !hasSchema(db)) {
				// killed before the database or Flyway's tables were created: nothing
				// recorded yet
				System.out.println("runs=0\nstate=NONE\noutcome=NONE\nversions=0\nchampionChanges=0\nstuckExecutions=0"
						+ "\nstuckSteps=0\nstuckRuns=0\ncheckpointsChecked=0\ncheckpointsBad=0");
				return;
			}
			out.put("runs", count(db, "SELECT COUNT(*) FROM TY_RUN WHERE PIPELINE = ?", pipeline));
			try (PreparedStatement newest = db.prepareStatement(
					"SELECT STATE, OUTCOME FROM TY_RUN WHERE PIPELINE = ? ORDER BY CREATED_AT DESC LIMIT 1")) {
				newest.setString(1, pipeline);
				try (ResultSet rs = newest.executeQuery()) {
					out.put("state", rs.next() ? rs.getString(1) : "NONE");
					out.put("outcome", (rs.getRow() > 0) ? rs.getString(2) : "NONE");
				}
			}
			out.put("versions", count(db, "SELECT COUNT(*) FROM TY_MODEL_VERSION WHERE PIPELINE = ?", pipeline));
			out.put("championChanges",
					count(db, "SELECT COUNT(*) FROM TY_CHAMPION_HISTORY WHERE PIPELINE = ?", pipeline));
			out.put("stuckExecutions", count(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION E JOIN BATCH_JOB_INSTANCE I"
					+ " ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID JOIN TY_RUN R ON R.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID"
					+ " WHERE R.PIPELINE = ? AND E.STATUS IN ('STARTING', 'STARTED', 'STOPPING')", pipeline));
			out.put("stuckSteps", count(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION S JOIN BATCH_JOB_EXECUTION E"
					+ " ON S.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID JOIN TY_RUN R ON R.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID"
					+ " WHERE R.PIPELINE = ? AND S.STATUS IN ('STARTING', 'STARTED', 'STOPPING')", pipeline));
			out.put("stuckRuns", count(db,
					"SELECT COUNT(*) FROM TY_RUN WHERE PIPELINE = ? AND STATE IN ('STARTING', 'STARTED', 'STOPPING')",
					pipeline));
			int checked = 0;
			try (PreparedStatement rows = db.prepareStatement("SELECT ID, ROUND_NO, BLOB_KEY, SIZE_BYTES, SHA256,"
					+ " CORRUPT FROM TY_CHECKPOINT WHERE PIPELINE = ? AND DELETED_AT IS NULL ORDER BY ID")) {
				rows.setString(1, pipeline);
				try (ResultSet rs = rows.executeQuery()) {
					while (rs.next()) {
						checked++;
						String problem = store.verify(rs.getString(3), rs.getLong(4), rs.getString(5).trim());
						if (rs.getBoolean(6)) {
							problem = "marked corrupt" + ((problem != null) ? "; " + problem : "");
						}
						if (problem != null) {
							bad.add("checkpoint " + rs.getLong(1) + " (round " + rs.getInt(2) + ", " + rs.getString(3)
									+ "): " + problem);
						}
					}
				}
			}
			out.put("checkpointsChecked", checked);
			out.put("checkpointsBad", bad.size());
		}
		bad.forEach(System.err::println);
		out.forEach((key, value) -> System.out.println(key + "=" + value));
	}

	/** {@code null} when an H2 database opened with IFEXISTS=TRUE does not exist. */
	private static Connection connect(String url, String user, String password) throws SQLException {
		try {
			return DriverManager.getConnection(url, user, password);
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() == 90146) {
				return null;
			}
			throw ex;
		}
	}

	private static boolean hasSchema(Connection db) throws SQLException {
		for (String name : new String[] { "TY_CHECKPOINT", "ty_checkpoint" }) {
			try (ResultSet tables = db.getMetaData().getTables(null, null, name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private static long count(Connection db, String sql, String pipeline) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			statement.setString(1, pipeline);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** The run's store, read directly (no retries, no circuit breaker). */
	private record Store(BlobStore blobs, AutoCloseable connection) implements AutoCloseable {

		static Store of(String spec) {
			if (spec.startsWith("file:")) {
				return new Store(new FileBlobStore(Path.of(spec.substring(5))), () -> {
				});
			}
			String[] parts = spec.substring(3).split("\\|", -1);
			S3Connection connection = new S3Connection(S3ProxyServer.settings(URI.create(parts[0]), parts[1], parts[2]),
					S3ProxyServer.credentials());
			return new Store(new S3BlobStore(connection), connection);
		}

		/** {@code null} when the blob is there with the recorded size and SHA-256. */
		String verify(String key, long size, String sha256) {
			try (InputStream in = this.blobs.open(key)) {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				byte[] buffer = new byte[1 << 16];
				long total = 0;
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					digest.update(buffer, 0, n);
					total += n;
				}
				String actual = HexFormat.of().formatHex(digest.digest());
				if (total != size) {
					return total + " bytes, " + size + " recorded";
				}
				return actual.equals(sha256) ? null : "SHA-256 " + actual + ", " + sha256 + " recorded";
			}
			catch (IOException | RuntimeException ex) {
				return "cannot be read: " + ex;
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws Exception {
			this.connection.close();
		}

	}

}
