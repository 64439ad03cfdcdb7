package dev.trainyard.dataset;

import java.util.List;

/**
 * A dataset loaded, checked and split, ready for training.
 *
 * @param train the training rows, in file order
 * @param validation the validation rows, in file order
 * @param fingerprint SHA-256 (hex) of the source bytes, or of the canonical generated
 * bytes for a {@code synthetic:} source
 * @param numClasses {@code k} for multiclass, 2 for binary, 0 for regression
 * @param source the dataset path as given in the pipeline file
 * @param columns the dataset's header, the label included, in the source's column order
 * @param labelColumn where the label is in {@code columns}
 */
public record PreparedData(Table train, Table validation, String fingerprint, int numClasses, String source,
		List<String> columns, int labelColumn) {

	public PreparedData {
		columns = List.copyOf(columns);
		if (labelColumn < 0 || labelColumn >= columns.size() || columns.size() != train.columns() + 1) {
			throw new IllegalArgumentException("columns " + columns + " with the label at " + labelColumn
					+ " do not fit " + train.columns() + " features");
		}
	}

	/**
	 * The label column's name.
	 */
	public String label() {
		return this.columns.get(this.labelColumn);
	}

	/**
	 * All rows, train and validation.
	 */
	public int rows() {
		return this.train.rows() + this.validation.rows();
	}

}
