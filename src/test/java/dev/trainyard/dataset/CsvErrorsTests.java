package dev.trainyard.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void reportsAnEmptyFile() {
		fails("d.csv", "", Objective.BINARY_LOGISTIC, "y", null)
			.withMessage("d.csv: the file is empty; expected a header row and data rows");
	}

	@Test
	void reportsAHeaderWithoutRows() {
		fails("d.csv", "a,y\n", Objective.BINARY_LOGISTIC, "y", null)
			.withMessage("d.csv: the file has a header row but no data rows");
		fails("d.csv", "a,y\n\n\n", Objective.BINARY_LOGISTIC, "y", null).withMessageContaining("no data rows");
	}

	@Test
	void reportsAMissingLabelColumnAndListsTheColumns() {
		fails("d.csv", "a,b,c\n1,2,3\n", Objective.BINARY_LOGISTIC, "y", 1L)
			.withMessage("d.csv:1: label column 'y' not found; the columns are: a, b, c");
	}

	@Test
	void reportsALabelWithoutFeatures() {
		fails("d.csv", "y\n1\n", Objective.BINARY_LOGISTIC, "y", 1L).withMessageContaining("no feature columns");
	}

	@Test
	void reportsDuplicateColumnNames() {
		fails("d.csv", "a,b,a,y\n1,2,3,0\n", Objective.BINARY_LOGISTIC, "y", 1L)
			.withMessage("d.csv:1: duplicate column name 'a' in the header (columns 1 and 3)");
	}

	@Test
	void reportsAColumnWithoutName() {
		fails("d.csv", "a,,y\n1,2,0\n", Objective.BINARY_LOGISTIC, "y", 1L)
			.withMessageContaining("column 2 has no name");
	}

	@Test
	void reportsANonNumericCellWithColumnAndValue() {
		fails("d.csv", "a,b,y\n1,2,0\n3,abc,1\n", Objective.BINARY_LOGISTIC, "y", 3L)
			.withMessageStartingWith("d.csv:3: column 'b' has 'abc', which is not a number");
	}

	@Test
	void reportsAnInfiniteFeature() {
		fails("d.csv", "a,y\n1,0\n1e60,1\n", Objective.BINARY_LOGISTIC, "y", 3L).withMessageContaining("'1e60'");
	}

	@Test
	void reportsARaggedRowWithExpectedAndActualCounts() {
		fails("d.csv", "a,b,y\n1,2,0\n1,2,0\n1,2\n", Objective.BINARY_LOGISTIC, "y", 4L)
			.withMessage("d.csv:4: expected 3 columns (as in the header) but found 2");
	}

	@Test
	void countsLinesAcrossBlankLinesAndWindowsLineEnds() {
		fails("d.csv", "a,y\r\n1,0\r\n\r\n2,1\r\nx,0\r\n", Objective.BINARY_LOGISTIC, "y", 5L)
			.withMessageContaining("'x'");
	}

	@Test
	void reportsMalformedQuoting() {
		fails("d.csv", "a,y\n1,0\n\"2\"x,1\n", Objective.BINARY_LOGISTIC, "y", 3L)
			.withMessageStartingWith("d.csv:3: malformed CSV");
	}

	@Test
	void reportsAMissingLabel() {
		fails("d.csv", "a,y\n1,0\n2,\n", Objective.BINARY_LOGISTIC, "y", 3L)
			.withMessageContaining("label 'y' is missing");
		fails("d.csv", "a,y\n1,0\n2,NaN\n", Objective.REG_SQUAREDERROR, "y", 3L)
			.withMessageContaining("label 'y' is missing");
	}

	@Test
	void reportsABinaryLabelOtherThanZeroOrOne() {
		fails("d.csv", "a,y\n1,0\n2,1\n3,2\n", Objective.BINARY_LOGISTIC, "y", 4L)
			.withMessage("d.csv:4: label 'y' is '2' but binary:logistic needs 0 or 1");
	}

	@Test
	void reportsANonNumericLabel() {
		fails("d.csv", "a,y\n1,yes\n", Objective.BINARY_LOGISTIC, "y", 2L)
			.withMessage("d.csv:2: label 'y' is 'yes', not a number");
	}

	@Test
	void reportsNonIntegerOrNegativeMulticlassLabels() {
		fails("d.csv", "a,y\n1,0\n2,1.5\n", Objective.MULTI_SOFTPROB, "y", 3L)
			.withMessage("d.csv:3: label 'y' is '1.5' but multi:softprob needs integer classes 0..k-1");
		fails("d.csv", "a,y\n1,0\n2,-1\n", Objective.MULTI_SOFTPROB, "y", 3L).withMessageContaining("'-1'");
	}

	@Test
	void reportsMulticlassWithASingleClass() {
		fails("d.csv", "a,y\n1,0\n2,0\n3,0\n", Objective.MULTI_SOFTPROB, "y", null)
			.withMessage("d.csv: multi:softprob needs at least 2 classes but every 'y' label is 0");
	}

	@Test
	void reportsAnInfiniteRegressionLabel() {
		fails("d.csv", "a,y\n1,0.5\n2,Infinity\n", Objective.REG_SQUAREDERROR, "y", 3L)
			.withMessageContaining("not a finite number");
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
