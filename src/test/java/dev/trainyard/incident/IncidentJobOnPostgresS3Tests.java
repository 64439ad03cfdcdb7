package dev.trainyard.incident;

import dev.trainyard.store.BlobStore;
import dev.trainyard.support.PostgresAndS3;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link IncidentJobTests} on a real PostgreSQL and a real S3 API (embedded: a fresh
 * database and a fresh bucket).
 */
class IncidentJobOnPostgresS3Tests extends IncidentJobTests {

	@DynamicPropertySource
	static void postgresAndS3(DynamicPropertyRegistry registry) {
		PostgresAndS3.register(registry);
	}

	@Test
	void runsOnPostgresqlAndS3(@Autowired JdbcTemplate jdbc, @Autowired BlobStore store) {
		PostgresAndS3.assertInUse(jdbc, store);
	}

}
