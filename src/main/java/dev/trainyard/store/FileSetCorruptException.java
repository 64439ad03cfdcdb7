package dev.trainyard.store;

/**
 * A stored set of files is not what its manifest says: the manifest is missing, damaged
 * or not the one recorded, or a file is missing or has another size or SHA-256. Not
 * transient: reading again gives the same bytes.
 */
public class FileSetCorruptException extends RuntimeException {

	public FileSetCorruptException(String message) {
		super(message);
	}

}
