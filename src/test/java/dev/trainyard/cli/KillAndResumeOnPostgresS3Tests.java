package dev.trainyard.cli;

import java.util.Map;

import dev.trainyard.support.PostgresAndS3;

/**
 * {@link KillAndResumeTests} on a real PostgreSQL and a real S3 API (embedded in the test
 * JVM; the CLI processes reach them over TCP).
 */
class KillAndResumeOnPostgresS3Tests extends KillAndResumeTests {

	@Override
	protected Map<String, String> settings() {
		return PostgresAndS3.newSettings();
	}

}
