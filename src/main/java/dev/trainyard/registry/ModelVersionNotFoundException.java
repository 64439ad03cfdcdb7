package dev.trainyard.registry;

/**
 * No model version with that number.
 */
public class ModelVersionNotFoundException extends RuntimeException {

	public ModelVersionNotFoundException(String pipeline, int version) {
		super(pipeline + " has no model version " + version);
	}

}
