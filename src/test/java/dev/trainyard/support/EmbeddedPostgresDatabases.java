package dev.trainyard.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for the tests without Docker: one embedded PostgreSQL 17 (zonky's
 * Linux amd64 binaries from Maven) per JVM, started on first use and stopped by a
 * shutdown hook. Every test class that asks gets a new, empty database of its own, so
 * Flyway migrates it from scratch.
 * <p>
 * PostgreSQL refuses to run as root. Run as root (as CI is), zonky starts {@code initdb}
 * and the server in a new user namespace ({@code unshare -U}, util-linux), where they run
 * as {@code nobody}; where that is impossible the start fails and says so.
 */
public final class EmbeddedPostgresDatabases {

	private static final AtomicInteger databases = new AtomicInteger();

	private EmbeddedPostgresDatabases() {
	}

	/**
	 * Makes a new database the application's datasource.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		newDatabase().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * Creates a new, empty database and returns the application's datasource settings for
	 * it.
	 */
	public static Map<String, String> newDatabase() {
		return Map.of("spring.datasource.url", createDatabase(), "spring.datasource.username", Server.USER,
				"spring.datasource.password", "");
	}

	/**
	 * Creates a new, empty database and returns its JDBC URL.
	 */
	public static String createDatabase() {
		EmbeddedPostgres server = Server.INSTANCE;
		String name = "trainyard_" + databases.incrementAndGet();
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + " in the embedded PostgreSQL", ex);
		}
		return server.getJdbcUrl(Server.USER, name);
	}

	/** Started when first used: the JVM's class initialization makes it once. */
	private static final class Server {

		static final String USER = "postgres";

		static final EmbeddedPostgres INSTANCE = start();

		private static EmbeddedPostgres start() {
			checkCanRun();
			File log = logFile();
			try {
				return EmbeddedPostgres.builder()
					.setRegisterShutdownHook(true)
					.setOutputRedirector(Redirect.appendTo(log))
					.setErrorRedirector(Redirect.appendTo(log))
					.start();
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("Could not start the embedded PostgreSQL; its output is in " + log, ex);
			}
		}

		private static void checkCanRun() {
			boolean root = "root".equals(System.getProperty("user.name"));
			if (root && !LinuxUtils.isUnshareAvailable()) {
				throw new IllegalStateException(
						"PostgreSQL cannot run as root, and 'unshare -U' (util-linux), with which"
								+ " the embedded PostgreSQL runs as 'nobody' when started by root, is not usable here: install"
								+ " util-linux, allow user namespaces (sysctl user.max_user_namespaces > 0) and make sure"
								+ " /etc/passwd has 'nobody', or run the tests as a user other than root");
			}
		}

		private static File logFile() {
			try {
				Path target = Path.of("target");
				Path dir = Files.isDirectory(target) ? target : Files.createTempDirectory("trainyard-");
				return dir.resolve("embedded-postgres.log").toFile();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
