package dev.trainyard.pipeline;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import dev.trainyard.pipeline.Objective.Task;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;

/**
 * Reads the {@code dataset} block and checks that its path can be read: a CSV file
 * relative to the pipeline file's folder (or absolute), {@code s3://bucket/key}, or a
 * {@code synthetic:} source that fits the objective.
 */
final class DatasetBinder {

	static final double DEFAULT_VALIDATION_FRACTION = 0.2;

	static final long DEFAULT_SEED = 42;

	private static final List<String> KEYS = List.of("path", "label", "validation-fraction", "seed");

	private static final Pattern S3 = Pattern.compile("s3://[^/]+/.+");

	private DatasetBinder() {
	}

	static DatasetSpec bind(YamlMap root, Path baseDir, Objective objective) {
		if (!root.require("dataset")) {
			return null;
		}
		YamlMap map = root.map("dataset", KEYS);
		if (map == null) {
			return null;
		}
		String path = map.require("path") ? map.string("path") : null;
		if (path != null) {
			checkPath(map, path, baseDir, objective);
		}
		String label = map.require("label") ? map.string("label") : null;
		if (label != null && label.isBlank()) {
			map.problem("label", "must not be blank");
		}
		Double fraction = map.decimal("validation-fraction");
		if (fraction != null && (fraction <= 0 || fraction >= 1)) {
			map.problem("validation-fraction", "must be between 0 and 1 (exclusive), got " + fraction);
		}
		Long seed = map.longValue("seed");
		return new DatasetSpec(path, label, (fraction != null) ? fraction : DEFAULT_VALIDATION_FRACTION,
				(seed != null) ? seed : DEFAULT_SEED);
	}

	private static void checkPath(YamlMap map, String path, Path baseDir, Objective objective) {
		if (path.isBlank()) {
			map.problem("path", "must not be blank");
		}
		else if (path.startsWith("s3://")) {
			if (!S3.matcher(path).matches()) {
				map.problem("path", "must look like s3://bucket/key, got '" + path + "'");
			}
		}
		else if (SyntheticSource.isSynthetic(path)) {
			checkSynthetic(map, path, objective);
		}
		else {
			checkFile(map, path, baseDir);
		}
	}

	private static void checkSynthetic(YamlMap map, String path, Objective objective) {
		SyntheticSource source;
		try {
			source = SyntheticSource.parse(path);
		}
		catch (IllegalArgumentException ex) {
			map.problem("path", ex.getMessage());
			return;
		}
		if (objective == null) {
			return;
		}
		boolean regression = objective.task() == Task.REGRESSION;
		if (source.classification() == regression) {
			map.problem("path", "synthetic:" + source.kind() + " data does not fit objective " + objective);
		}
		else if (objective.task() == Task.BINARY && source.classes() != null && source.classes() != 2) {
			map.problem("path", "objective " + objective + " needs 2 classes, got classes=" + source.classes());
		}
	}

	private static void checkFile(YamlMap map, String path, Path baseDir) {
		Path file;
		try {
			file = baseDir.resolve(path).normalize();
		}
		catch (InvalidPathException ex) {
			map.problem("path", "invalid path '" + path + "': " + ex.getReason());
			return;
		}
		if (!Files.exists(file)) {
			map.problem("path", "dataset file " + file + " does not exist");
		}
		else if (!Files.isRegularFile(file)) {
			map.problem("path", "dataset file " + file + " is not a regular file");
		}
		else if (!Files.isReadable(file)) {
			map.problem("path", "dataset file " + file + " is not readable");
		}
	}

}
