package dev.trainyard.dataset;

import dev.trainyard.pipeline.Objective;

/**
 * Parses label cells and checks them against the objective: binary labels are 0 or 1,
 * multiclass labels integers 0..k-1 (k is the largest label plus one), regression labels
 * any finite number. Without an objective (a command trainer interprets the labels
 * itself) labels are any finite number. A missing label is always an error.
 */
final class LabelCheck {

	private final Objective objective;

	private final String column;

	private final String file;

	private double maxClass = -1;

	LabelCheck(Objective objective, String column, String file) {
		this.objective = objective;
		this.column = column;
		this.file = file;
	}

	float parse(String cell, long line) {
		if (Cells.isMissing(cell)) {
			throw error(line, "label '" + this.column + "' is missing ('" + cell + "'); every row needs a label");
		}
		double value;
		try {
			value = Double.parseDouble(cell);
		}
		catch (NumberFormatException ex) {
			throw error(line, "label '" + this.column + "' is '" + cell + "', not a number");
		}
		check(value, cell, line);
		return (float) value;
	}

	private void check(double value, String cell, long line) {
		if (this.objective == null) {
			finite(value, cell, line);
			return;
		}
		switch (this.objective.task()) {
			case BINARY -> {
				if (value != 0 && value != 1) {
					throw error(line,
							"label '" + this.column + "' is '" + cell + "' but " + this.objective + " needs 0 or 1");
				}
			}
			case MULTICLASS -> {
				if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE - 1) {
					throw error(line, "label '" + this.column + "' is '" + cell + "' but " + this.objective
							+ " needs integer classes 0..k-1");
				}
				this.maxClass = Math.max(this.maxClass, value);
			}
			case REGRESSION -> finite(value, cell, line);
		}
	}

	private void finite(double value, String cell, long line) {
		if (!Double.isFinite(value) || !Float.isFinite((float) value)) {
			throw error(line, "label '" + this.column + "' is '" + cell + "', not a finite number");
		}
	}

	/**
	 * The number of classes seen: {@code k} for multiclass, 2 for binary, 0 for
	 * regression and without an objective. Call after every row was parsed.
	 */
	int numClasses() {
		if (this.objective == null) {
			return 0;
		}
		return switch (this.objective.task()) {
			case BINARY -> 2;
			case REGRESSION -> 0;
			case MULTICLASS -> {
				int classes = (int) this.maxClass + 1;
				if (classes < 2) {
					throw new InvalidDatasetException(this.file, null,
							this.objective + " needs at least 2 classes but every '" + this.column + "' label is 0");
				}
				yield classes;
			}
		};
	}

	private InvalidDatasetException error(long line, String problem) {
		return new InvalidDatasetException(this.file, line, problem);
	}

}
