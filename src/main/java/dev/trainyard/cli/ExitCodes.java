package dev.trainyard.cli;

/**
 * The CLI's exit codes (CONTRACT §2).
 */
final class ExitCodes {

	static final int OK = 0;

	static final int FAILED = 1;

	static final int INVALID_INPUT = 2;

	static final int REJECTED = 3;

	static final int STOPPED = 4;

	private ExitCodes() {
	}

}
