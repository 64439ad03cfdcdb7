package dev.trainyard.store;

/**
 * A directory cannot be stored as a set of files: it is not a plain directory, holds a
 * symbolic link or a special file, has a name that cannot be a blob key, or a file
 * changed while it was being stored. Not transient: the directory must be fixed.
 */
public class InvalidFileSetException extends RuntimeException {

	public InvalidFileSetException(String message) {
		super(message);
	}

	public InvalidFileSetException(String message, Throwable cause) {
		super(message, cause);
	}

}
