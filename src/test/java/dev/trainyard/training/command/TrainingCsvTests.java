package dev.trainyard.training.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split as a command trainer reads it: the dataset's header and column order, the
 * built-in trainer's rows, floats that read back exactly.
 */
class TrainingCsvTests {

	@TempDir
	Path dir;

	private final Datasets datasets = Datasets.localFiles();

	@Test
	void writesTheHeaderAndTheSplitRowsInTheDatasetsColumnOrder() throws IOException {
		Files.writeString(this.dir.resolve("d.csv"), "a,y,\"b, c\"\n1.5,0,2\n,1,-4\n3,0,0.1\n7,1,1e-5\n");
		PreparedData data = prepare("d.csv", "y", Objective.BINARY_LOGISTIC, 0.5);
		SplitFiles files = TrainingCsv.write(data, this.dir.resolve("work"));

		assertThat(files.label()).isEqualTo("y");
		assertThat(files.train().getFileName().toString())
			.isEqualTo("train-" + data.fingerprint().substring(0, 12) + ".csv");
		List<String> train = Files.readAllLines(files.train());
		List<String> validation = Files.readAllLines(files.validation());
		assertThat(train.get(0)).isEqualTo("a,y,\"b, c\"");
		assertThat(validation.get(0)).isEqualTo(train.get(0));
		assertThat(train.subList(1, train.size())).hasSize(data.train().rows());
		assertThat(validation.subList(1, validation.size())).hasSize(data.validation().rows());
		assertThat(concat(train, validation)).containsExactlyInAnyOrder("1.5,0,2", ",1,-4", "3,0,0.1", "7,1,1.0E-5");
	}

	@Test
	void readsBackAsExactlyTheRowsTheBuiltInTrainerUses() throws IOException {
		PreparedData data = prepare("synthetic:regression?rows=500&features=6&seed=3", "label",
				Objective.REG_SQUAREDERROR, 0.2);
		SplitFiles files = TrainingCsv.write(data, this.dir.resolve("work"));
		PreparedData train = prepare(files.train().toString(), "label", Objective.REG_SQUAREDERROR, 0.5);
		PreparedData validation = prepare(files.validation().toString(), "label", Objective.REG_SQUAREDERROR, 0.5);

		assertThat(sorted(train.train().features(), train.validation().features()))
			.containsExactly(sorted(data.train().features()));
		assertThat(sorted(validation.train().labels(), validation.validation().labels()))
			.containsExactly(sorted(data.validation().labels()));
		assertThat(train.columns()).isEqualTo(data.columns());
	}

	@Test
	void writesTheFilesOncePerRun() throws IOException {
		PreparedData data = prepare("synthetic:classification?rows=100&features=2&seed=1", "label",
				Objective.BINARY_LOGISTIC, 0.2);
		SplitFiles first = TrainingCsv.write(data, this.dir.resolve("work"));
		Files.writeString(first.train(), "label\n1\n");
		SplitFiles again = TrainingCsv.write(data, this.dir.resolve("work"));
		assertThat(again).isEqualTo(first);
		assertThat(Files.readString(again.train())).isEqualTo("label\n1\n");
	}

	@Test
	void formatsFloatsSoThatTheyReadBackExactly() {
		assertThat(TrainingCsv.format(1f)).isEqualTo("1");
		assertThat(TrainingCsv.format(-3f)).isEqualTo("-3");
		assertThat(TrainingCsv.format(0f)).isEqualTo("0");
		assertThat(TrainingCsv.format(-0f)).isEqualTo("-0.0");
		assertThat(TrainingCsv.format(Float.NaN)).isEmpty();
		assertThat(TrainingCsv.format(16_777_216f)).isEqualTo("1.6777216E7");
		for (float value : new float[] { 0.07871f, 1e-5f, 3.4028235e38f, Float.MIN_VALUE, 17.99f, -0.1f }) {
			assertThat(Float.parseFloat(TrainingCsv.format(value))).isEqualTo(value);
		}
	}

	private PreparedData prepare(String path, String label, Objective objective, double fraction) {
		return this.datasets.prepare(new DatasetSpec(path, label, fraction, 7), objective, this.dir);
	}

	private static List<String> concat(List<String> train, List<String> validation) {
		return java.util.stream.Stream.concat(train.stream().skip(1), validation.stream().skip(1)).toList();
	}

	private static float[] sorted(float[]... arrays) {
		int size = 0;
		for (float[] array : arrays) {
			size += array.length;
		}
		float[] all = new float[size];
		int at = 0;
		for (float[] array : arrays) {
			System.arraycopy(array, 0, all, at, array.length);
			at += array.length;
		}
		java.util.Arrays.sort(all);
		return all;
	}

}
