package dev.trainyard.dataset;

/**
 * A dataset loaded, checked and split, ready for training.
 *
 * @param train the training rows, in file order
 * @param validation the validation rows, in file order
 * @param fingerprint SHA-256 (hex) of the source bytes, or of the canonical generated
 * bytes for a {@code synthetic:} source
 * @param numClasses {@code k} for multiclass, 2 for binary, 0 for regression
 * @param source the dataset path as given in the pipeline file
 */
public record PreparedData(Table train, Table validation, String fingerprint, int numClasses, String source) {

	/**
	 * All rows, train and validation.
	 */
	public int rows() {
		return this.train.rows() + this.validation.rows();
	}

}
