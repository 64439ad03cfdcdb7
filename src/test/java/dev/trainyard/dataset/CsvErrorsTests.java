package dev.trainyard.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way a CSV dataset can be unusable is reported with the file and, where there is
 * one, the line.
 */
class CsvErrorsTests {

	@TempDir
	Path dir;

	private final Datasets datasets = Datasets.localFiles();

	@Test
	void reportsAMissingFile() {
		fails("missing.csv", null, Objective.BINARY_LOGISTIC, "y", null).withMessageStartingWith("missing.csv: ")
			.withMessageContaining("file not found")
			.withMessageContaining(this.dir.resolve("missing.csv").toString());
	}

	@Test
	void reportsADirectory() {
		fails(".", null, Objective.BINARY_LOGISTIC, "y", null).withMessageContaining("is a directory");
	}

	@Test
	void reportsANonNumericCellWithColumnAndValue() {
		fails("d.csv", "a,b,y\n1,2,0\n3,abc,1\n", Objective.BINARY_LOGISTIC, "y", 3L)
			.withMessageStartingWith("d.csv:3: column 'b' has 'abc', which is not a number");
	}

	@Test
	void reportsMalformedQuoting() {
		fails("d.csv", "a,y\n1,0\n\"2\"x,1\n", Objective.BINARY_LOGISTIC, "y", 3L)
			.withMessageStartingWith("d.csv:3: malformed CSV");
	}

	@Test
	void reportsAnEmptyValidationSplitWithFractionAndRowCount() {
		fails("d.csv", "a,y\n1,0\n2,1\n3,0\n", Objective.BINARY_LOGISTIC, "y", null, 0.1)
			.withMessageStartingWith("d.csv: the validation split is empty: validation-fraction 0.1 of 3 rows");
	}

	@Test
	void reportsAnEmptyTrainingSplit() {
		fails("d.csv", "a,y\n1,0\n2,1\n3,0\n", Objective.BINARY_LOGISTIC, "y", null, 0.9)
			.withMessageStartingWith("d.csv: the training split is empty");
	}

	@Test
	void countsLinesAcrossBlankLinesAndWindowsLineEnds() {
		fails("d.csv", "a,y\r\n1,0\r\n\r\n2,1\r\nx,0\r\n", Objective.BINARY_LOGISTIC, "y", 5L)
			.withMessageContaining("'x'");
	}

	@ParameterizedTest(name = "{1}, line {2}: {3}")
	@MethodSource("wholeMessages")
	void reportsTheFileTheLineAndExactlyWhatIsWrong(String content, Objective objective, Long line, String message) {
		fails("d.csv", content, objective, "y", line).withMessage(message);
	}

	/**
	 * Datasets with one problem: the content, its objective, the line and the whole
	 * message.
	 */
	static Stream<Arguments> wholeMessages() {
		return Stream.of(
				arguments("", Objective.BINARY_LOGISTIC, null,
						"d.csv: the file is empty; expected a header row and data rows"),
				arguments("a,y\n", Objective.BINARY_LOGISTIC, null,
						"d.csv: the file has a header row but no data rows"),
				arguments("a,b,c\n1,2,3\n", Objective.BINARY_LOGISTIC, 1L,
						"d.csv:1: label column 'y' not found; the columns are: a, b, c"),
				arguments("a,b,a,y\n1,2,3,0\n", Objective.BINARY_LOGISTIC, 1L,
						"d.csv:1: duplicate column name 'a' in the header (columns 1 and 3)"),
				arguments("a,b,y\n1,2,0\n1,2,0\n1,2\n", Objective.BINARY_LOGISTIC, 4L,
						"d.csv:4: expected 3 columns (as in the header) but found 2"),
				arguments("a,y\n1,0\n2,1\n3,2\n", Objective.BINARY_LOGISTIC, 4L,
						"d.csv:4: label 'y' is '2' but binary:logistic needs 0 or 1"),
				arguments("a,y\n1,yes\n", Objective.BINARY_LOGISTIC, 2L, "d.csv:2: label 'y' is 'yes', not a number"),
				arguments("a,y\n1,0\n2,1.5\n", Objective.MULTI_SOFTPROB, 3L,
						"d.csv:3: label 'y' is '1.5' but multi:softprob needs integer classes 0..k-1"),
				arguments("a,y\n1,0\n2,0\n3,0\n", Objective.MULTI_SOFTPROB, null,
						"d.csv: multi:softprob needs at least 2 classes but every 'y' label is 0"));
	}

	@ParameterizedTest(name = "{1}, line {2}: {3}")
	@MethodSource("partsOfMessages")
	void reportsTheFileTheLineAndWhatIsWrong(String content, Objective objective, Long line, String fragment) {
		fails("d.csv", content, objective, "y", line).withMessageContaining(fragment);
	}

	/**
	 * Datasets with one problem: the content, its objective, the line and a part of the
	 * message.
	 */
	static Stream<Arguments> partsOfMessages() {
		return Stream.of(arguments("a,y\n\n\n", Objective.BINARY_LOGISTIC, null, "no data rows"),
				arguments("y\n1\n", Objective.BINARY_LOGISTIC, 1L, "no feature columns"),
				arguments("a,,y\n1,2,0\n", Objective.BINARY_LOGISTIC, 1L, "column 2 has no name"),
				arguments("a,y\n1,0\n1e60,1\n", Objective.BINARY_LOGISTIC, 3L, "'1e60'"),
				arguments("a,y\n1,0\n2,\n", Objective.BINARY_LOGISTIC, 3L, "label 'y' is missing"),
				arguments("a,y\n1,0\n2,NaN\n", Objective.REG_SQUAREDERROR, 3L, "label 'y' is missing"),
				arguments("a,y\n1,0\n2,-1\n", Objective.MULTI_SOFTPROB, 3L, "'-1'"),
				arguments("a,y\n1,0.5\n2,Infinity\n", Objective.REG_SQUAREDERROR, 3L, "not a finite number"));
	}

	private ThrowableAssertAlternative<InvalidDatasetException> fails(String file, String content, Objective objective,
			String label, Long line) {
		return fails(file, content, objective, label, line, 0.5);
	}

	private ThrowableAssertAlternative<InvalidDatasetException> fails(String file, String content, Objective objective,
			String label, Long line, double fraction) {
		if (content != null) {
			write(file, content);
		}
		DatasetSpec spec = new DatasetSpec(file, label, fraction, 1);
		return assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> this.datasets.prepare(spec, objective, this.dir))
			.satisfies((ex) -> {
				assertThat(ex.file()).isEqualTo(file);
				assertThat(ex.line()).isEqualTo(line);
			});
	}

	private void write(String file, String content) {
		try {
			Files.writeString(this.dir.resolve(file), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
