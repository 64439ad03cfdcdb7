package dev.trainyard.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.util.Iterator;

import dev.trainyard.pipeline.Objective;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row (UTF-8, optional BOM, trimmed cells) into a
 * {@link Table}, hashing the bytes as they stream past.
 */
final class CsvTableReader {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setTrim(true)
		.setIgnoreSurroundingSpaces(true)
		.setIgnoreEmptyLines(false)
		.get();

	private static final char BOM = '\uFEFF';

	private final String file;

	private final String label;

	private final Objective objective;

	private CsvHeader header;

	CsvTableReader(String file, String label, Objective objective) {
		this.file = file;
		this.label = label;
		this.objective = objective;
	}

	Loaded read(InputStream in) throws IOException {
		DigestInputStream digesting = new DigestInputStream(in, Fingerprints.sha256());
		LabelCheck labels = new LabelCheck(this.objective, this.label, this.file);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(digesting, StandardCharsets.UTF_8),
				1 << 16); CSVParser parser = CSVParser.parse(skipBom(reader), FORMAT)) {
			Table table = readTable(parser, labels);
			while (reader.read() != -1) {
				// the parser stops at the end, but make sure every byte is hashed
			}
			return new Loaded(table, Fingerprints.hex(digesting.getMessageDigest()), labels.numClasses(),
					this.header.columns(), this.header.labelIndex());
		}
	}

	private Table readTable(CSVParser parser, LabelCheck labels) throws IOException {
		try {
			return readRecords(parser, labels);
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof CSVException csv) {
				throw new InvalidDatasetException(this.file, parser.getCurrentLineNumber(),
						"malformed CSV: " + csv.getMessage(), csv);
			}
			throw ex.getCause();
		}
	}

	private Table readRecords(CSVParser parser, LabelCheck labels) {
		Iterator<CSVRecord> records = parser.iterator();
		if (!records.hasNext()) {
			throw new InvalidDatasetException(this.file, null,
					"the file is empty; expected a header row and data rows");
		}
		CsvHeader header = CsvHeader.of(records.next(), this.file, this.label);
		this.header = header;
		FloatArrayBuilder features = new FloatArrayBuilder(1024 * header.featureNames().size());
		FloatArrayBuilder labelValues = new FloatArrayBuilder(1024);
		long previousLine = parser.getCurrentLineNumber();
		while (records.hasNext()) {
			CSVRecord record = records.next();
			long line = previousLine + 1;
			previousLine = parser.getCurrentLineNumber();
			if (record.size() == 1 && record.get(0).isEmpty()) {
				continue; // a blank line
			}
			if (record.size() != header.size()) {
				throw new InvalidDatasetException(this.file, line,
						"expected " + header.size() + " columns (as in the header) but found " + record.size());
			}
			for (int i = 0; i < record.size(); i++) {
				String cell = record.get(i);
				if (i == header.labelIndex()) {
					labelValues.add(labels.parse(cell, line));
				}
				else {
					features.add(feature(cell, header.columns().get(i), line));
				}
			}
		}
		if (labelValues.size() == 0) {
			throw new InvalidDatasetException(this.file, null, "the file has a header row but no data rows");
		}
		return new Table(features.toArray(), labelValues.toArray(), labelValues.size(), header.featureNames().size(),
				header.featureNames());
	}

	private float feature(String cell, String column, long line) {
		try {
			return Cells.parseFeature(cell);
		}
		catch (NumberFormatException ex) {
			throw new InvalidDatasetException(this.file, line,
					"column '" + column + "' has '" + cell + "', which is not a number (nor empty, NA or NaN)");
		}
	}

	private static BufferedReader skipBom(BufferedReader reader) throws IOException {
		reader.mark(1);
		if (reader.read() != BOM) {
			reader.reset();
		}
		return reader;
	}

}
