package dev.trainyard.run;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.S3ProxyServer;
import dev.trainyard.store.s3.S3Connection;
import dev.trainyard.support.S3Buckets;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PipelineJobTests} on the official PostgreSQL image and LocalStack's S3, where a
 * Docker engine exists (Testcontainers); skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineJobOnDockerTests extends PipelineJobTests {

	private static final String BUCKET = "trainyard-docker";

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Container
	static final LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4.4")
		.withServices("s3");

	@DynamicPropertySource
	static void postgresAndLocalStack(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", postgres::getJdbcUrl);
		registry.add("spring.datasource.username", postgres::getUsername);
		registry.add("spring.datasource.password", postgres::getPassword);
		try (S3Connection connection = new S3Connection(S3ProxyServer.settings(localStack.getEndpoint(), BUCKET, null),
				S3ProxyServer.credentials())) {
			connection.client().createBucket((request) -> request.bucket(BUCKET)).join();
		}
		S3Buckets.register(registry, localStack.getEndpoint(), BUCKET);
	}

	@Test
	void runsOnPostgresqlAndLocalStack(@Autowired JdbcTemplate jdbc, @Autowired BlobStore store) {
		assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
		assertThat(store.location("any")).isEqualTo("s3://" + BUCKET + "/" + S3Buckets.PREFIX + "/any");
	}

}
