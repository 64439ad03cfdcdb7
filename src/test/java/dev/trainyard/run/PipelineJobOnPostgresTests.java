package dev.trainyard.run;

import dev.trainyard.support.EmbeddedPostgresDatabases;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PipelineJobTests} on a real PostgreSQL (embedded, a fresh database).
 */
class PipelineJobOnPostgresTests extends PipelineJobTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresDatabases.register(registry);
	}

	@Test
	void runsOnPostgresql(@Autowired JdbcTemplate jdbc) {
		assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL 17");
	}

}
