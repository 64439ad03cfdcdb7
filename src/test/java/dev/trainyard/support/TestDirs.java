package dev.trainyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh folder per test class, made on first use, with the class's data dir
 * ({@code data}) and jobs dir ({@code jobs}): a {@link TrainyardTest} points the
 * application at them, and a test may write pipeline files there before its context
 * starts (in a static {@code @BeforeAll}).
 */
public final class TestDirs {

	private static final Map<Class<?>, Path> roots = new ConcurrentHashMap<>();

	private TestDirs() {
	}

	/** The test class's folder. */
	public static Path root(Class<?> testClass) {
		return roots.computeIfAbsent(testClass, TestDirs::create);
	}

	/** The test class's jobs dir (not created until a pipeline is written there). */
	public static Path jobs(Class<?> testClass) {
		return root(testClass).resolve("jobs");
	}

	/** The test class's data dir. */
	public static Path data(Class<?> testClass) {
		return root(testClass).resolve("data");
	}

	/** A new folder of its own, for a test that starts applications by itself. */
	public static Path fresh() {
		return create(null);
	}

	private static Path create(Class<?> testClass) {
		try {
			String name = (testClass != null) ? testClass.getSimpleName() + "-" : "";
			return Files.createTempDirectory("trainyard-test-" + name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
