package dev.trainyard.dataset;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * A dataset that cannot be used as it is: missing, malformed or not fit for the
 * objective. Retrying does not help. The message reads
 * {@code <file>:<line>: <what is wrong>}, without {@code :<line>} when the problem is not
 * on one line.
 */
public class InvalidDatasetException extends RuntimeException implements Classified {

	private final String file;

	private final Long line;

	private final String problem;

	public InvalidDatasetException(String file, Long line, String problem) {
		this(file, line, problem, null);
	}

	public InvalidDatasetException(String file, Long line, String problem, Throwable cause) {
		super(file + ((line != null) ? ":" + line : "") + ": " + problem, cause);
		this.file = file;
		this.line = line;
		this.problem = problem;
	}

	/**
	 * The dataset path as given.
	 */
	public String file() {
		return this.file;
	}

	/**
	 * The 1-based line of the problem, or {@code null} when it is not on one line.
	 */
	public Long line() {
		return this.line;
	}

	/**
	 * What is wrong, without the file and line.
	 */
	public String problem() {
		return this.problem;
	}

	@Override
	public FailureKind failureKind() {
		return FailureKind.INVALID_INPUT;
	}

}
