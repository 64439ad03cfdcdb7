package dev.trainyard.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline file is broken. Carries every problem found, not just the first; the message
 * lists them one per line.
 */
public class InvalidPipelineException extends RuntimeException {

	private final List<PipelineProblem> problems;

	public InvalidPipelineException(List<PipelineProblem> problems) {
		super(problems.stream().map(PipelineProblem::toString).collect(Collectors.joining("\n")));
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("An InvalidPipelineException needs at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	public List<PipelineProblem> problems() {
		return this.problems;
	}

}
