package dev.trainyard.dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReadingTests {

	@TempDir
	Path dir;

	private final Datasets datasets = Datasets.localFiles();

	@Test
	void toleratesAByteOrderMarkAndHashesItToo() throws Exception {
		Path file = write("bom.csv", "\uFEFFa,y\n1,0\n2,1\n3,0\n4,1\n");
		PreparedData data = prepare("bom.csv", "y", Objective.BINARY_LOGISTIC, 0.5);
		assertThat(data.train().featureNames()).containsExactly("a");
		assertThat(data.fingerprint()).isEqualTo(DemoDataTests.sha256(file));
	}

	@Test
	void trimsCellsAndReadsQuotedValues() {
		write("d.csv", " a , \"b\" ,y\n 1.5 , \"2\" , 1 \n3,4,0\n");
		PreparedData data = prepare("d.csv", "y", Objective.BINARY_LOGISTIC, 0.5);
		Table all = concat(data);
		assertThat(all.featureNames()).containsExactly("a", "b");
		assertThat(all.features()).containsExactly(1.5f, 2f, 3f, 4f);
		assertThat(all.labels()).containsExactly(1f, 0f);
	}

	@Test
	void readsEmptyNaAndNanAsMissing() {
		write("d.csv", "a,b,c,y\n,NA,NaN,0\n1,2,3,1\n");
		Table all = concat(prepare("d.csv", "y", Objective.BINARY_LOGISTIC, 0.5));
		assertThat(all.feature(0, 0)).isNaN();
		assertThat(all.feature(0, 1)).isNaN();
		assertThat(all.feature(0, 2)).isNaN();
		assertThat(all.feature(1, 2)).isEqualTo(3f);
	}

	@Test
	void keepsFeaturesInFileOrderAroundTheLabel() {
		write("d.csv", "a,y,b\n1,0,2\n3,1,4\n");
		Table all = concat(prepare("d.csv", "y", Objective.BINARY_LOGISTIC, 0.5));
		assertThat(all.featureNames()).containsExactly("a", "b");
		assertThat(all.features()).containsExactly(1f, 2f, 3f, 4f);
		assertThat(all.labels()).containsExactly(0f, 1f);
	}

	@Test
	void keepsTheHeaderWithTheLabelWhereTheFileHasIt() {
		write("d.csv", "a,y,b\n1,0,2\n3,1,4\n");
		PreparedData data = prepare("d.csv", "y", Objective.BINARY_LOGISTIC, 0.5);
		assertThat(data.columns()).containsExactly("a", "y", "b");
		assertThat(data.labelColumn()).isEqualTo(1);
		assertThat(data.label()).isEqualTo("y");
	}

	@Test
	void takesAnyFiniteLabelWithoutAnObjective() {
		write("d.csv", "a,y\n1,0.25\n2,-7\n3,1e3\n4,2\n");
		PreparedData data = prepare("d.csv", "y", null, 0.5);
		assertThat(concat(data).labels()).containsExactlyInAnyOrder(0.25f, -7f, 1000f, 2f);
		assertThat(data.numClasses()).isZero();
		write("bad.csv", "a,y\n1,1e39\n2,1\n");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> prepare("bad.csv", "y", null, 0.5))
			.withMessageContaining("not a finite number");
	}

	@Test
	void countsMulticlassClassesFromTheLargestLabel() {
		write("d.csv", "a,y\n1,0\n2,3\n3,1.0\n4,0\n");
		assertThat(prepare("d.csv", "y", Objective.MULTI_SOFTPROB, 0.5).numClasses()).isEqualTo(4);
	}

	@Test
	void acceptsAnyFiniteRegressionLabel() {
		write("d.csv", "a,y\n1,-3.25\n2,1e6\n3,0\n4,42\n");
		PreparedData data = prepare("d.csv", "y", Objective.REG_SQUAREDERROR, 0.5);
		assertThat(data.numClasses()).isZero();
		assertThat(concat(data).labels()).containsExactlyInAnyOrder(-3.25f, 1e6f, 0f, 42f);
	}

	@Test
	void resolvesAbsolutePathsAsGiven() {
		Path file = write("abs.csv", "a,y\n1,0\n2,1\n");
		PreparedData data = this.datasets.prepare(new DatasetSpec(file.toString(), "y", 0.5, 1),
				Objective.BINARY_LOGISTIC, Path.of("/nonexistent"));
		assertThat(data.source()).isEqualTo(file.toString());
		assertThat(data.rows()).isEqualTo(2);
	}

	@Test
	void loadsALargeFile() throws Exception {
		StringBuilder csv = new StringBuilder("y");
		for (int j = 0; j < 20; j++) {
			csv.append(",f").append(j);
		}
		csv.append('\n');
		for (int i = 0; i < 200_000; i++) {
			csv.append(i % 2);
			for (int j = 0; j < 20; j++) {
				csv.append(',').append(i % 97 + j * 0.5);
			}
			csv.append('\n');
		}
		write("large.csv", csv.toString());
		PreparedData data = prepare("large.csv", "y", Objective.BINARY_LOGISTIC, 0.2);
		assertThat(data.train().rows()).isEqualTo(160_000);
		assertThat(data.validation().rows()).isEqualTo(40_000);
		assertThat(data.train().features()).hasSize(160_000 * 20);
	}

	private PreparedData prepare(String path, String label, Objective objective, double fraction) {
		return this.datasets.prepare(new DatasetSpec(path, label, fraction, 1), objective, this.dir);
	}

	private Path write(String name, String content) {
		try {
			return Files.writeString(this.dir.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Both splits merged back into file order.
	 */
	private static Table concat(PreparedData data) {
		int rows = data.rows();
		int columns = data.train().columns();
		boolean[] validation = Splitter.validationRows(rows, 0.5, 1);
		float[] features = new float[rows * columns];
		float[] labels = new float[rows];
		int[] next = new int[2];
		for (int i = 0; i < rows; i++) {
			Table from = validation[i] ? data.validation() : data.train();
			int row = next[validation[i] ? 1 : 0]++;
			System.arraycopy(from.features(), row * columns, features, i * columns, columns);
			labels[i] = from.label(row);
		}
		return new Table(features, labels, rows, columns, data.train().featureNames());
	}

}
