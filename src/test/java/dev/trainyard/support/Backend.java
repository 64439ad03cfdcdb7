package dev.trainyard.support;

import java.util.Locale;
import java.util.Map;

import dev.trainyard.store.BlobStore;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a test run keeps its data: the defaults (H2 and the file store), or the
 * production pair (an embedded PostgreSQL and an S3 API). Chosen for the whole test JVM
 * by the system property {@value #PROPERTY}; the build runs the suites marked
 * {@link OnEveryBackend} once more with {@code postgres-s3}, and once more with
 * {@code docker} (skipped where there is no Docker engine).
 */
public enum Backend {

	/** H2 in the data dir and the file store: the embedded defaults. */
	H2_FILES,

	/** A fresh database of an embedded PostgreSQL 17 and a fresh bucket of S3Proxy. */
	POSTGRES_S3,

	/**
	 * A fresh database of the official PostgreSQL 17 image and a fresh bucket of
	 * LocalStack, where a Docker engine exists (Testcontainers).
	 */
	DOCKER;

	public static final String PROPERTY = "trainyard.test.backend";

	public static Backend current() {
		String value = System.getProperty(PROPERTY, "h2-files");
		return Backend.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/**
	 * The application settings for a new database and store of this backend (none for the
	 * defaults).
	 */
	public Map<String, String> newSettings() {
		return switch (this) {
			case H2_FILES -> Map.of();
			case POSTGRES_S3 -> PostgresAndS3.newSettings();
			case DOCKER -> DockerBackend.newSettings();
		};
	}

	/**
	 * Why this backend cannot run here, or {@code null} when it can.
	 */
	public String unavailableBecause() {
		return (this == DOCKER && !DockerBackend.available()) ? "no Docker engine here" : null;
	}

	/**
	 * Checks that the application really runs on this backend: its database and its
	 * store.
	 */
	public void assertInUse(JdbcTemplate jdbc, BlobStore store) {
		if (this == H2_FILES) {
			assertThat(jdbc.queryForObject("SELECT H2VERSION()", String.class)).startsWith("2.");
			assertThat(store.location("any")).doesNotStartWith("s3://");
		}
		else {
			assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
			assertThat(store.location("any")).startsWith("s3://trainyard-").endsWith("/" + S3Buckets.PREFIX + "/any");
		}
	}

}
