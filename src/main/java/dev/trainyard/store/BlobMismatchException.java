package dev.trainyard.store;

import java.io.IOException;

/**
 * The content given to {@link BlobStore#put(String, InputStream, long, String)} is not
 * the size or has not the SHA-256 the caller said; nothing was stored.
 */
public class BlobMismatchException extends IOException {

	public BlobMismatchException(String location, long size, String sha256, long expectedSize, String expectedSha256) {
		super("nothing was stored at " + location + ": the content has " + size + " bytes with SHA-256 " + sha256
				+ ", the caller said " + expectedSize + " bytes with SHA-256 " + expectedSha256);
	}

}
