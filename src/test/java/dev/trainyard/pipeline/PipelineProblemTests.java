package dev.trainyard.pipeline;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineProblemTests {

	private static final Path FILE = Path.of("jobs/x.yaml");

	@Test
	void formatsFileLineFieldAndMessage() {
		assertThat(new PipelineProblem(FILE, 12, "trainer.rounds", "must be at least 1"))
			.hasToString("jobs/x.yaml:12: trainer.rounds: must be at least 1");
	}

	@Test
	void leavesOutAnUnknownLineOrField() {
		assertThat(new PipelineProblem(FILE, null, "name", "is required"))
			.hasToString("jobs/x.yaml: name: is required");
		assertThat(new PipelineProblem(FILE, 3, null, "invalid YAML")).hasToString("jobs/x.yaml:3: invalid YAML");
		assertThat(new PipelineProblem(FILE, null, null, "file is empty")).hasToString("jobs/x.yaml: file is empty");
	}

}
