package dev.trainyard.registry;

import dev.trainyard.support.EmbeddedPostgresDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link VersionAllocationTests} on a real PostgreSQL (embedded, a fresh database).
 */
class VersionAllocationOnPostgresTests extends VersionAllocationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresDatabases.register(registry);
	}

}
