package dev.trainyard.support;

import dev.trainyard.store.BlobStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For an {@link OnEveryBackend} suite: the test that its context really uses the database
 * and store of the current {@link Backend}.
 */
public interface InUseBackend {

	@Test
	default void runsOnTheBackendOfThisTestRun(@Autowired JdbcTemplate jdbc, @Autowired BlobStore store) {
		Backend.current().assertInUse(jdbc, store);
	}

}
