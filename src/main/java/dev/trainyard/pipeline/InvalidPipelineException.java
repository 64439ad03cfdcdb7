package dev.trainyard.pipeline;

import java.util.List;
import java.util.stream.Collectors;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * A pipeline file is broken. Carries every problem found, not just the first; the message
 * lists them one per line.
 */
public class InvalidPipelineException extends RuntimeException implements Classified {

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

	@Override
	public FailureKind failureKind() {
		return FailureKind.INVALID_INPUT;
	}

}
