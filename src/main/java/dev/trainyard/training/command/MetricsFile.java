package dev.trainyard.training.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.pipeline.DeclaredMetric;
import dev.trainyard.training.command.CommandTrainerException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code TRAINYARD_METRICS_FILE}: one JSON object of metric name → number, with
 * every declared metric, every value finite. Whatever is wrong is reported naming the
 * file.
 */
final class MetricsFile {

	static final int MAX_BYTES = 1024 * 1024;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private MetricsFile() {
	}

	/**
	 * @return the declared metrics in their declared order, then any others in file order
	 * @throws CommandTrainerException of kind {@link Kind#BAD_OUTPUT}
	 */
	static Map<String, Double> read(Path file, List<DeclaredMetric> declared, Integer exitCode) {
		JsonNode root = parse(file, exitCode);
		if (!root.isObject()) {
			throw bad(file, "must hold one JSON object of metric name to number, not " + root.getNodeType(), exitCode);
		}
		Map<String, Double> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			JsonNode value = entry.getValue();
			if (!value.isNumber()) {
				throw bad(file, entry.getKey() + " is " + value + ", not a number", exitCode);
			}
			if (!Double.isFinite(value.doubleValue())) {
				throw bad(file, entry.getKey() + " is " + value.doubleValue() + ", not a finite number", exitCode);
			}
			values.put(entry.getKey(), value.doubleValue());
		}
		Map<String, Double> metrics = new LinkedHashMap<>();
		for (DeclaredMetric metric : declared) {
			Double value = values.remove(metric.key());
			if (value == null) {
				List<String> names = root.properties().stream().map(Map.Entry::getKey).toList();
				throw bad(file, "has no " + metric.key() + " (declared in trainer.metrics; the file has "
						+ (names.isEmpty() ? "none" : String.join(", ", names)) + ")", exitCode);
			}
			metrics.put(metric.key(), value);
		}
		metrics.putAll(values);
		return metrics;
	}

	private static JsonNode parse(Path file, Integer exitCode) {
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			throw bad(file, "does not exist: the trainer exited 0 without writing its metrics", exitCode);
		}
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			throw bad(file, "is not a regular file (links are not followed)", exitCode);
		}
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		catch (IOException ex) {
			throw bad(file, "cannot be read: " + ex.getMessage(), exitCode);
		}
		if (bytes.length > MAX_BYTES) {
			throw bad(file, "is larger than " + MAX_BYTES + " bytes", exitCode);
		}
		try {
			JsonNode root = MAPPER.readTree(bytes);
			if (root == null || root.isMissingNode()) {
				throw bad(file, "is empty", exitCode);
			}
			return root;
		}
		catch (JacksonException ex) {
			throw bad(file, "is not valid JSON: " + ex.getOriginalMessage(), exitCode);
		}
	}

	private static CommandTrainerException bad(Path file, String problem, Integer exitCode) {
		return new CommandTrainerException(Kind.BAD_OUTPUT, "the metrics file " + file + " " + problem, exitCode);
	}

}
