package dev.trainyard.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production pair for the application tests without Docker: a fresh database of the
 * embedded PostgreSQL ({@link EmbeddedPostgresDatabases}) and a fresh bucket of the
 * embedded S3Proxy ({@link S3Buckets}).
 */
public final class PostgresAndS3 {

	private PostgresAndS3() {
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

}
