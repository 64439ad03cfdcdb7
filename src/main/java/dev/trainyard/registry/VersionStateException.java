package dev.trainyard.registry;

/**
 * A model version is not in a state that allows what was asked (approving a version that
 * is not awaiting approval, rolling back to a version that was never champion).
 */
public class VersionStateException extends RuntimeException {

	private final VersionState state;

	public VersionStateException(String message, VersionState state) {
		super(message);
		this.state = state;
	}

	public VersionState state() {
		return this.state;
	}

}
