package dev.trainyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Fresh data and jobs dirs for a test class's application context.
 */
public final class TestDirs {

	private TestDirs() {
	}

	/**
	 * Points the data dir and the jobs dir at new temporary folders under the returned
	 * root.
	 */
	public static Path register(DynamicPropertyRegistry registry) {
		try {
			Path root = Files.createTempDirectory("trainyard-test-");
			registry.add("trainyard.data-dir", () -> root.resolve("data").toString());
			registry.add("jobs-dir", () -> root.resolve("jobs").toString());
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The root that {@link #register} made for the application context whose environment
	 * this is: a test class that another one extends (to run on a second database) gets
	 * its own dirs from its own context.
	 */
	public static Path root(Environment environment) {
		return Path.of(environment.getRequiredProperty("trainyard.data-dir")).getParent();
	}

}
