package dev.trainyard.store;

import java.io.FileNotFoundException;

/**
 * There is no blob under the key that was asked for.
 */
public class BlobNotFoundException extends FileNotFoundException {

	public BlobNotFoundException(String location) {
		super("no blob at " + location);
	}

}
