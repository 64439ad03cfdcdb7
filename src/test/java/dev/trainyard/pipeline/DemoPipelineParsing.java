package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * For tests of what a pipeline file may say: parses text as {@code demo.yaml} of a fresh
 * jobs dir, and checks the one problem a broken text has.
 */
abstract class DemoPipelineParsing {

	@TempDir
	Path jobsDir;

	PipelineDefinition parse(String yaml) {
		return new PipelineCatalog(this.jobsDir).parse(this.jobsDir.resolve("demo.yaml"), yaml);
	}

	List<PipelineProblem> problems(String yaml) {
		return assertThatExceptionOfType(InvalidPipelineException.class).as(yaml)
			.isThrownBy(() -> parse(yaml))
			.actual()
			.problems();
	}

	void assertProblem(String yaml, String field, Integer line, String fragment) {
		assertThat(problems(yaml)).as(yaml).singleElement().satisfies((problem) -> {
			assertThat(problem.file()).isEqualTo(this.jobsDir.resolve("demo.yaml"));
			assertThat(problem.field()).isEqualTo(field);
			assertThat(problem.line()).isEqualTo(line);
			assertThat(problem.message()).contains(fragment);
		});
	}

}
