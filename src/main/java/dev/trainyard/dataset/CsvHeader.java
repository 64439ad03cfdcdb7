package dev.trainyard.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;

/**
 * The header row: column names (unique, not empty), the label column and the feature
 * names in file order.
 */
record CsvHeader(List<String> columns, int labelIndex, List<String> featureNames) {

	private static final long LINE = 1;

	static CsvHeader of(CSVRecord record, String file, String label) {
		List<String> columns = record.toList();
		if (columns.size() == 1 && columns.get(0).isEmpty()) {
			throw new InvalidDatasetException(file, LINE, "the header row is empty; expected column names");
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			String name = columns.get(i);
			if (name.isEmpty()) {
				throw new InvalidDatasetException(file, LINE, "column " + (i + 1) + " has no name in the header");
			}
			Integer previous = seen.putIfAbsent(name, i);
			if (previous != null) {
				throw new InvalidDatasetException(file, LINE, "duplicate column name '" + name
						+ "' in the header (columns " + (previous + 1) + " and " + (i + 1) + ")");
			}
		}
		Integer labelIndex = seen.get(label);
		if (labelIndex == null) {
			throw new InvalidDatasetException(file, LINE,
					"label column '" + label + "' not found; the columns are: " + String.join(", ", columns));
		}
		if (columns.size() == 1) {
			throw new InvalidDatasetException(file, LINE,
					"no feature columns; the header has only the label column '" + label + "'");
		}
		List<String> features = new ArrayList<>(columns);
		features.remove((int) labelIndex);
		return new CsvHeader(List.copyOf(columns), labelIndex, List.copyOf(features));
	}

	int size() {
		return this.columns.size();
	}

}
