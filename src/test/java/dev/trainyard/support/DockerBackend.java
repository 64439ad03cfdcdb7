package dev.trainyard.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.trainyard.store.S3ProxyServer;
import dev.trainyard.store.s3.S3Connection;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The official PostgreSQL image and LocalStack's S3, where a Docker engine exists
 * (Testcontainers): one container of each per test JVM, started on first use, a new
 * database and a new bucket per application context.
 */
final class DockerBackend {

	private static final AtomicInteger names = new AtomicInteger();

	private DockerBackend() {
	}

	static boolean available() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	static Map<String, String> newSettings() {
		int n = names.incrementAndGet();
		PostgreSQLContainer postgres = Containers.POSTGRES;
		String database = "trainyard_" + n;
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database + " in the PostgreSQL container",
					ex);
		}
		String bucket = "trainyard-docker-" + n;
		LocalStackContainer localStack = Containers.LOCALSTACK;
		try (S3Connection connection = new S3Connection(S3ProxyServer.settings(localStack.getEndpoint(), bucket, null),
				S3ProxyServer.credentials())) {
			connection.client().createBucket((request) -> request.bucket(bucket)).join();
		}
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url",
				postgres.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"));
		settings.put("spring.datasource.username", postgres.getUsername());
		settings.put("spring.datasource.password", postgres.getPassword());
		settings.putAll(S3Buckets.settings(localStack.getEndpoint(), bucket));
		return settings;
	}

	/** Started when first used: the JVM's class initialization makes them once. */
	private static final class Containers {

		static final PostgreSQLContainer POSTGRES = start(new PostgreSQLContainer("postgres:17-alpine"));

		static final LocalStackContainer LOCALSTACK = start(
				new LocalStackContainer("localstack/localstack:4.4").withServices("s3"));

		private static <T extends org.testcontainers.containers.GenericContainer<?>> T start(T container) {
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return container;
		}

	}

}
