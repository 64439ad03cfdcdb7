package dev.trainyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small pipeline files for tests.
 */
public final class TestPipelines {

	private TestPipelines() {
	}

	/**
	 * A binary pipeline on 2 000 synthetic rows: 40 rounds, a checkpoint every 10, with
	 * subsampling (so determinism depends on the per-segment seeds).
	 */
	public static String synthetic(String name, String approval, double minAuc) {
		return """
				name: %s
				dataset:
				  path: "synthetic:classification?rows=2000&features=8&seed=3"
				  label: label
				  seed: 42
				trainer:
				  objective: binary:logistic
				  rounds: 40
				  params: { max_depth: 3, eta: 0.3, subsample: 0.8, colsample_bytree: 0.8 }
				  checkpoint-every: 10
				retry: { max-attempts: 3, backoff: 10ms, max-backoff: 50ms }
				gates:
				  - { metric: auc, min: %s }
				  - { metric: auc, max-regression: 0.05 }
				promotion: { approval: %s }
				""".formatted(name, minAuc, approval);
	}

	public static Path write(Path jobsDir, String name, String yaml) {
		try {
			Files.createDirectories(jobsDir);
			return Files.writeString(jobsDir.resolve(name + ".yaml"), yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
