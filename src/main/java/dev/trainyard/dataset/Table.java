package dev.trainyard.dataset;

import java.util.List;

/**
 * A dense numeric table: {@code features} holds {@code rows * columns} values row by row,
 * {@code labels} one value per row. Missing feature values are {@link Float#NaN}, which
 * XGBoost treats as missing. The arrays are shared, not copied: do not modify them.
 */
public record Table(float[] features, float[] labels, int rows, int columns, List<String> featureNames) {

	public Table {
		if (rows < 0 || columns < 0) {
			throw new IllegalArgumentException("rows and columns must not be negative");
		}
		if (features.length != (long) rows * columns || labels.length != rows) {
			throw new IllegalArgumentException("expected " + rows + " x " + columns + " features and " + rows
					+ " labels, got " + features.length + " and " + labels.length);
		}
		featureNames = List.copyOf(featureNames);
		if (featureNames.size() != columns) {
			throw new IllegalArgumentException(columns + " columns but " + featureNames.size() + " feature names");
		}
	}

	/**
	 * The value of one feature in one row.
	 */
	public float feature(int row, int column) {
		return this.features[row * this.columns + column];
	}

	/**
	 * The label of one row.
	 */
	public float label(int row) {
		return this.labels[row];
	}

}
