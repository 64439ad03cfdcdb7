package dev.trainyard.run;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PipelineJobTests} on the official PostgreSQL image, where a Docker engine exists
 * (Testcontainers); skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineJobOnDockerPostgresTests extends PipelineJobTests {

	@Container
	static final PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", container::getJdbcUrl);
		registry.add("spring.datasource.username", container::getUsername);
		registry.add("spring.datasource.password", container::getPassword);
	}

	@Test
	void runsOnPostgresql(@Autowired JdbcTemplate jdbc) {
		assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
	}

}
