package dev.trainyard.dataset;

/**
 * Reading cells: empty, {@code NA} and {@code NaN} are missing values.
 */
final class Cells {

	private Cells() {
	}

	static boolean isMissing(String cell) {
		return cell.isEmpty() || "NA".equalsIgnoreCase(cell) || "NaN".equalsIgnoreCase(cell);
	}

	/**
	 * The cell as a float, {@link Float#NaN} (XGBoost's missing value) when missing.
	 * @throws NumberFormatException if the cell is neither missing nor a finite number
	 */
	static float parseFeature(String cell) {
		if (isMissing(cell)) {
			return Float.NaN;
		}
		float value = Float.parseFloat(cell);
		if (!Float.isFinite(value)) {
			throw new NumberFormatException("not a finite number: " + cell);
		}
		return value;
	}

}
