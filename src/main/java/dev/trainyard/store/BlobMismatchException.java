package dev.trainyard.store;

import java.io.IOException;

import dev.trainyard.failure.Classified;
import dev.trainyard.failure.FailureKind;

/**
 * The content given to {@link BlobStore#put(String, InputStream, long, String)} is not
 * the size or has not the SHA-256 the caller said; nothing was stored.
 */
public class BlobMismatchException extends IOException implements Classified {

	private BlobMismatchException(StoredBlob expected, long size, String sha256) {
		super("nothing was stored at " + expected.location() + ": the content has " + size + " bytes with SHA-256 "
				+ sha256 + ", the caller said " + expected.size() + " bytes with SHA-256 " + expected.sha256());
	}

	/**
	 * Fails when content of {@code size} bytes with {@code sha256} is not the blob the
	 * caller said it would be.
	 */
	public static void requireMatch(StoredBlob expected, long size, String sha256) throws BlobMismatchException {
		if (size != expected.size() || !sha256.equals(expected.sha256())) {
			throw new BlobMismatchException(expected, size, sha256);
		}
	}

	/** Never retried: reading or writing it again gives the same bytes. */
	@Override
	public FailureKind failureKind() {
		return FailureKind.FATAL;
	}

}
