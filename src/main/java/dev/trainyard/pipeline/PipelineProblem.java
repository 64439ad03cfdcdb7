package dev.trainyard.pipeline;

import java.nio.file.Path;

/**
 * One thing wrong with a pipeline file.
 *
 * @param file the pipeline file (or the jobs dir when the problem is about the folder)
 * @param line the 1-based line in {@code file}, or {@code null} when not known
 * @param field the dotted field, e.g. {@code trainer.rounds} or {@code gates[1].metric},
 * or {@code null} when the problem is about the whole file
 * @param message what is wrong
 */
public record PipelineProblem(Path file, Integer line, String field, String message) {

	/**
	 * Formats the problem as {@code jobs/x.yaml:12: trainer.rounds: must be at least 1},
	 * leaving out the line and the field when they are not known.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(String.valueOf(this.file));
		if (this.line != null) {
			text.append(':').append(this.line);
		}
		text.append(": ");
		if (this.field != null) {
			text.append(this.field).append(": ");
		}
		return text.append(this.message).toString();
	}

}
