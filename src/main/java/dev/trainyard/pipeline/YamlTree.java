package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns the text of a pipeline file into a YAML node tree that keeps line numbers
 * (SnakeYAML Engine, YAML 1.2 core schema).
 */
final class YamlTree {

	private YamlTree() {
	}

	/**
	 * The top-level mapping, or {@code null} after recording why there is none (broken
	 * YAML, an empty file, a top level that is not a mapping).
	 */
	static MappingNode compose(String text, Path source, Problems problems) {
		LoadSettings settings = LoadSettings.builder()
			.setLabel(String.valueOf(source))
			.setSchema(new CoreSchema())
			.build();
		Optional<Node> root;
		try {
			root = new Compose(settings).composeString(text);
		}
		catch (MarkedYamlEngineException ex) {
			problems.add(line(ex), null, "invalid YAML: " + describe(ex));
			return null;
		}
		catch (YamlEngineException ex) {
			problems.add((Integer) null, null, "invalid YAML: " + ex.getMessage());
			return null;
		}
		if (root.isEmpty() || YamlMap.isNull(root.get())) {
			problems.add((Integer) null, null, "file is empty");
			return null;
		}
		if (root.get() instanceof MappingNode mapping) {
			return mapping;
		}
		problems.add(root.get(), null, "the top level must be a mapping (name: ..., dataset: ..., trainer: ...)");
		return null;
	}

	private static Integer line(MarkedYamlEngineException ex) {
		Optional<Mark> mark = ex.getProblemMark().or(ex::getContextMark);
		return mark.map((m) -> m.getLine() + 1).orElse(null);
	}

	private static String describe(MarkedYamlEngineException ex) {
		String problem = (ex.getProblem() != null) ? ex.getProblem() : "syntax error";
		return (ex.getContext() != null) ? problem + " (" + ex.getContext() + ")" : problem;
	}

}
