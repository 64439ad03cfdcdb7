package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects the problems of one pipeline file while it is checked.
 */
final class Problems {

	private final Path file;

	private final List<PipelineProblem> list = new ArrayList<>();

	Problems(Path file) {
		this.file = file;
	}

	void add(Integer line, String field, String message) {
		this.list.add(new PipelineProblem(this.file, line, field, message));
	}

	void add(Node node, String field, String message) {
		add(line(node), field, message);
	}

	boolean isEmpty() {
		return this.list.isEmpty();
	}

	List<PipelineProblem> list() {
		return List.copyOf(this.list);
	}

	/**
	 * The 1-based line a node starts on, or {@code null} when unknown.
	 */
	static Integer line(Node node) {
		if (node == null) {
			return null;
		}
		return node.getStartMark().map((mark) -> mark.getLine() + 1).orElse(null);
	}

}
