package dev.trainyard.registry;

/**
 * A model version's artifact is missing or does not match its recorded SHA-256, so it
 * cannot be served.
 */
public class ArtifactUnavailableException extends RuntimeException {

	public ArtifactUnavailableException(ModelVersion version, String detail) {
		super("the artifact of " + version.pipeline() + " version " + version.version() + " is unusable: " + detail);
	}

	/** A model not registered yet (a run's candidate). */
	public ArtifactUnavailableException(String detail) {
		super("the candidate model is unusable: " + detail);
	}

}
