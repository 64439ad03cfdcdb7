package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SplitterTests {

	private static final Integer[] PINNED_10_03_42 = { 3, 4, 7 };

	@Test
	void picksTheSameValidationRowsOnEveryMachine() {
		// SplittableRandom's algorithm is specified, so this never changes
		assertThat(validationIndices(10, 0.3, 42)).containsExactly(PINNED_10_03_42);
		assertThat(validationIndices(10, 0.3, 42)).isEqualTo(validationIndices(10, 0.3, 42));
	}

	@Test
	void differentSeedsPickDifferentRows() {
		assertThat(validationIndices(1000, 0.2, 1)).isNotEqualTo(validationIndices(1000, 0.2, 2));
	}

	@Test
	void validationGetsRoundedFractionOfTheRows() {
		assertThat(validationIndices(569, 0.2, 7)).hasSize(114);
		assertThat(validationIndices(5, 0.3, 7)).hasSize(2);
	}

	@Test
	void bothSplitsKeepTheFileOrder() {
		int rows = 50;
		float[] features = new float[rows * 2];
		float[] labels = new float[rows];
		for (int i = 0; i < rows; i++) {
			features[2 * i] = i;
			features[2 * i + 1] = -i;
			labels[i] = i;
		}
		Table[] split = Splitter.split(new Table(features, labels, rows, 2, List.of("a", "b")), 0.2, 3, "f.csv");
		List<Integer> validation = validationIndices(rows, 0.2, 3);
		assertThat(split[1].rows()).isEqualTo(10);
		assertThat(split[0].rows()).isEqualTo(40);
		for (int r = 0; r < split[1].rows(); r++) {
			assertThat(split[1].label(r)).isEqualTo(validation.get(r).floatValue());
			assertThat(split[1].feature(r, 1)).isEqualTo(-validation.get(r));
		}
		for (int r = 1; r < split[0].rows(); r++) {
			assertThat(split[0].label(r)).isGreaterThan(split[0].label(r - 1));
			assertThat(validation).doesNotContain((int) split[0].label(r));
		}
	}

	@Test
	void rejectsAnEmptyValidationSplit() {
		Table table = new Table(new float[5], new float[5], 5, 1, List.of("a"));
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> Splitter.split(table, 0.05, 1, "small.csv"))
			.withMessageStartingWith("small.csv: the validation split is empty")
			.withMessageContaining("0.05")
			.withMessageContaining("5 rows")
			.satisfies((ex) -> assertThat(ex.line()).isNull());
	}

	@Test
	void rejectsAnEmptyTrainingSplit() {
		Table table = new Table(new float[5], new float[5], 5, 1, List.of("a"));
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> Splitter.split(table, 0.95, 1, "small.csv"))
			.withMessageStartingWith("small.csv: the training split is empty")
			.withMessageContaining("0.95")
			.withMessageContaining("5 rows");
	}

	private static List<Integer> validationIndices(int rows, double fraction, long seed) {
		boolean[] validation = Splitter.validationRows(rows, fraction, seed);
		List<Integer> indices = new ArrayList<>();
		for (int i = 0; i < rows; i++) {
			if (validation[i]) {
				indices.add(i);
			}
		}
		return indices;
	}

}
