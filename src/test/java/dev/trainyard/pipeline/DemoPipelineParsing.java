package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * For tests of what a pipeline file may say: parses text as {@code demo.yaml} of a fresh
 * jobs dir, and checks the one problem a broken text has: each text of the subclass's
 * {@code static Stream<Arguments> filesWithOneProblem()} (text, field, line, fragment of
 * the message).
 */
abstract class DemoPipelineParsing {

	@TempDir
	Path jobsDir;

	@ParameterizedTest(name = "{1} on line {2}: {3}")
	@MethodSource("filesWithOneProblem")
	void reportsTheOneProblemWithItsFieldAndLine(String yaml, String field, Integer line, String fragment) {
		assertProblem(yaml, field, line, fragment);
	}

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
