package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.pipeline.PipelineDefinition.FreshnessSpec;
import dev.trainyard.pipeline.PipelineDefinition.GateSpec;
import dev.trainyard.pipeline.PipelineDefinition.PromotionSpec;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import dev.trainyard.pipeline.PipelineDefinition.Schedule;
import dev.trainyard.pipeline.PipelineDefinition.SloSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;

/**
 * Checks the text of one pipeline file against the format of CONTRACT §3, collecting
 * every problem, and builds the {@link PipelineDefinition} when there are none.
 */
final class PipelineParser {

	static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	private static final List<String> KEYS = List.of("name", "schedule", "dataset", "trainer", "retry", "gates",
			"promotion", "freshness", "slo");

	private static final Comparator<PipelineProblem> BY_LINE = Comparator.comparing(PipelineProblem::line,
			Comparator.nullsFirst(Comparator.naturalOrder()));

	ParsedPipeline parse(Path source, String text) {
		Problems problems = new Problems(source);
		MappingNode node = YamlTree.compose(text, source, problems);
		if (node == null) {
			return new ParsedPipeline(null, null, null, problems.list());
		}
		YamlMap root = YamlMap.of(node, "", null, problems, KEYS);
		String name = name(root, source);
		Schedule schedule = PolicyBinder.schedule(root);
		TrainerSpec trainer = TrainerBinder.bind(root);
		Objective objective = (trainer != null) ? trainer.objective() : null;
		DatasetSpec dataset = DatasetBinder.bind(root, baseDir(source), objective);
		List<GateSpec> gates = GateBinder.bind(root, trainer);
		RetrySpec retry = PolicyBinder.retry(root);
		PromotionSpec promotion = PolicyBinder.promotion(root);
		FreshnessSpec freshness = PolicyBinder.freshness(root);
		SloSpec slo = SloBinder.bind(root);
		if (!problems.isEmpty()) {
			List<PipelineProblem> sorted = problems.list().stream().sorted(BY_LINE).toList();
			return new ParsedPipeline(name, root.lineOf("name"), null, sorted);
		}
		PipelineDefinition definition = new PipelineDefinition(name, schedule, dataset, trainer, retry, gates,
				promotion, freshness, slo, source, text);
		return new ParsedPipeline(name, root.lineOf("name"), definition, List.of());
	}

	private static String name(YamlMap root, Path source) {
		String name = root.require("name") ? root.string("name") : null;
		if (name == null) {
			return null;
		}
		String expected = expectedName(source);
		if (!NAME.matcher(name).matches()) {
			root.problem("name", "must match [a-z0-9-]+ (lowercase letters, digits, dashes), got '" + name + "'");
		}
		else if (expected != null && !expected.equals(name)) {
			root.problem("name", "must equal the file name without .yaml ('" + expected + "'), got '" + name + "'");
		}
		return name;
	}

	/**
	 * The file name without {@code .yaml}/{@code .yml}, or {@code null} for other files.
	 */
	static String expectedName(Path source) {
		Path fileName = (source != null) ? source.getFileName() : null;
		if (fileName == null) {
			return null;
		}
		String text = fileName.toString();
		for (String extension : List.of(".yaml", ".yml")) {
			if (text.endsWith(extension)) {
				return text.substring(0, text.length() - extension.length());
			}
		}
		return null;
	}

	private static Path baseDir(Path source) {
		Path parent = source.toAbsolutePath().getParent();
		return (parent != null) ? parent : Path.of(".").toAbsolutePath();
	}

}
