package dev.trainyard.training.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether Debian's {@code /usr/bin/python3} can import what an example trainer needs
 * ({@code .ci/run} installs {@code python3-torch} when it is missing).
 */
final class PythonTrainers {

	static final String PYTHON = "/usr/bin/python3";

	private PythonTrainers() {
	}

	/** Skips the test, saying why, unless {@code python3 -c 'import <module>'} works. */
	static void assumeImportable(String module, String debianPackage) {
		assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
		assumeTrue(imports(module), PYTHON + " cannot import " + module + " (install it with: apt-get install"
				+ " --no-install-recommends " + debianPackage + ")");
	}

	private static boolean imports(String module) {
		try {
			Process process = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
