package dev.trainyard.support;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trainyard.store.BlobStore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production pair for the application tests without Docker: a fresh database of the
 * embedded PostgreSQL ({@link EmbeddedPostgresDatabases}) and a fresh bucket of the
 * embedded S3Proxy ({@link S3Buckets}).
 */
public final class PostgresAndS3 {

	private PostgresAndS3() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		EmbeddedPostgresDatabases.register(registry);
		S3Buckets.register(registry);
	}

	/**
	 * A new database and a new bucket as application settings, with the AWS credentials
	 * as the system properties the default provider chain reads.
	 */
	public static Map<String, String> newSettings() {
		Map<String, String> settings = new LinkedHashMap<>(EmbeddedPostgresDatabases.newDatabase());
		settings.putAll(S3Buckets.newBucket());
		settings.putAll(S3Buckets.credentials());
		return settings;
	}

	/**
	 * Checks that the application really runs on PostgreSQL 17 and stores in S3.
	 */
	public static void assertInUse(JdbcTemplate jdbc, BlobStore store) {
		assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
		assertThat(store.location("any")).startsWith("s3://trainyard-").endsWith("/" + S3Buckets.PREFIX + "/any");
	}

}
