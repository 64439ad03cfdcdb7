package dev.trainyard.dataset;

import java.util.SplittableRandom;

/**
 * The deterministic train/validation split: a Fisher–Yates shuffle of the row indices
 * with {@link SplittableRandom}{@code (seed)}; the first
 * {@code round(rows * validationFraction)} shuffled rows form the validation set. Both
 * sets keep the file order.
 */
final class Splitter {

	private Splitter() {
	}

	/**
	 * Which rows go to validation.
	 */
	static boolean[] validationRows(int rows, double validationFraction, long seed) {
		int[] order = new int[rows];
		for (int i = 0; i < rows; i++) {
			order[i] = i;
		}
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = rows - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		long validationCount = Math.round(rows * validationFraction);
		boolean[] validation = new boolean[rows];
		for (int i = 0; i < validationCount && i < rows; i++) {
			validation[order[i]] = true;
		}
		return validation;
	}

	/**
	 * Splits the table; an empty train or validation set is an error.
	 */
	static Table[] split(Table all, double validationFraction, long seed, String file) {
		long validationCount = Math.round(all.rows() * validationFraction);
		if (validationCount <= 0 || validationCount >= all.rows()) {
			String empty = (validationCount >= all.rows()) ? "training" : "validation";
			throw new InvalidDatasetException(file, null,
					"the " + empty + " split is empty: validation-fraction " + validationFraction + " of " + all.rows()
							+ " rows gives " + Math.max(0, Math.min(validationCount, all.rows()))
							+ " validation rows; use more rows or a fraction that leaves rows on both sides");
		}
		boolean[] validation = validationRows(all.rows(), validationFraction, seed);
		return new Table[] { copy(all, validation, false, all.rows() - (int) validationCount),
				copy(all, validation, true, (int) validationCount) };
	}

	private static Table copy(Table all, boolean[] validation, boolean wanted, int rows) {
		int columns = all.columns();
		float[] features = new float[rows * columns];
		float[] labels = new float[rows];
		int row = 0;
		for (int i = 0; i < all.rows(); i++) {
			if (validation[i] == wanted) {
				System.arraycopy(all.features(), i * columns, features, row * columns, columns);
				labels[row++] = all.labels()[i];
			}
		}
		return new Table(features, labels, rows, columns, all.featureNames());
	}

}
