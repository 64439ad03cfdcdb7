package dev.trainyard.training.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.trainyard.dataset.PreparedData;
import dev.trainyard.dataset.Table;

/**
 * Writes a run's split for a command trainer: {@code train-<fp>.csv} and
 * {@code validation-<fp>.csv} ({@code <fp>}: the first 12 hex digits of the dataset's
 * fingerprint), UTF-8, {@code \n} line ends. Each has the dataset's header (label
 * included, in the dataset's column order), then the rows the built-in trainer uses, in
 * the same order. Values are the 32-bit floats Trainyard read: a whole number below 2^24
 * is written without a fraction ({@code 1}, {@code -3}), any other as
 * {@link Float#toString(float)} ({@code 0.07871}, {@code 1.0E-5}), which reads back as
 * exactly the same float; a missing value is an empty cell. Header names are quoted as
 * RFC 4180 says when they need it.
 * <p>
 * The files are written once per run: each appears only complete (written to a temporary
 * file, then renamed), and an attempt that finds both (a resumed run on the same data)
 * uses them as they are.
 */
public final class TrainingCsv {

	private static final float EXACT_INTEGERS = 1 << 24;

	private TrainingCsv() {
	}

	public static SplitFiles write(PreparedData data, Path dir) throws IOException {
		Files.createDirectories(dir);
		String suffix = "-" + data.fingerprint().substring(0, Math.min(12, data.fingerprint().length())) + ".csv";
		Path train = dir.resolve("train" + suffix);
		Path validation = dir.resolve("validation" + suffix);
		if (!Files.isRegularFile(train) || !Files.isRegularFile(validation)) {
			write(data, data.train(), train);
			write(data, data.validation(), validation);
		}
		return new SplitFiles(train, validation, data.label());
	}

	private static void write(PreparedData data, Table table, Path target) throws IOException {
		Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
		try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
			header(out, data.columns());
			int label = data.labelColumn();
			for (int row = 0; row < table.rows(); row++) {
				for (int column = 0; column < table.columns() + 1; column++) {
					if (column > 0) {
						out.write(',');
					}
					float value = (column == label) ? table.label(row)
							: table.feature(row, (column < label) ? column : column - 1);
					out.write(format(value));
				}
				out.write('\n');
			}
		}
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void header(Writer out, List<String> columns) throws IOException {
		for (int i = 0; i < columns.size(); i++) {
			out.write((i > 0) ? "," : "");
			out.write(quote(columns.get(i)));
		}
		out.write('\n');
	}

	/** A value as it is written: exact, and empty when missing. */
	static String format(float value) {
		if (Float.isNaN(value)) {
			return "";
		}
		boolean negativeZero = value == 0 && Float.floatToRawIntBits(value) != 0;
		if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS && !negativeZero) {
			return Long.toString((long) value);
		}
		return Float.toString(value);
	}

	private static String quote(String name) {
		boolean needs = name.isEmpty() || name.contains(",") || name.contains("\"") || name.contains("\n")
				|| name.contains("\r") || !name.strip().equals(name);
		return needs ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
	}

}
