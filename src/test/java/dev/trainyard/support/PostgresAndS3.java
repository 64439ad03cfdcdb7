package dev.trainyard.support;

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
	 * Checks that the application really runs on PostgreSQL 17 and stores in S3.
	 */
	public static void assertInUse(JdbcTemplate jdbc, BlobStore store) {
		assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
		assertThat(store.location("any")).startsWith("s3://trainyard-").endsWith("/" + S3Buckets.PREFIX + "/any");
	}

}
