package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import dev.trainyard.store.BlobMismatchException;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoredBlob;

/**
 * Reads a blob into the part buffers of a multipart upload. Given what the caller said
 * the blob is, it also hashes what it reads, and {@link #check()} tells, before the
 * upload is completed, whether the blob is that.
 */
final class PartReader {

	private static final int CHUNK = 256 * 1024;

	private final InputStream in;

	private final StoredBlob expected;

	private final MessageDigest digest;

	private long size;

	private PartReader(InputStream in, StoredBlob expected) {
		this.in = in;
		this.expected = expected;
		this.digest = (expected != null) ? Sha256.newDigest() : null;
	}

	/**
	 * Reads {@code in} as it is.
	 */
	static PartReader of(InputStream in) {
		return new PartReader(in, null);
	}

	/**
	 * Reads {@code in} and checks it has the size and SHA-256 of {@code expected}.
	 */
	static PartReader checking(InputStream in, StoredBlob expected) {
		return new PartReader(in, expected);
	}

	/**
	 * Fills {@code buffer} as far as the blob goes.
	 * @return the number of bytes read: less than the buffer's length only at the end
	 */
	int fill(byte[] buffer) throws IOException {
		int n = 0;
		while (n < buffer.length) {
			int read = this.in.read(buffer, n, Math.min(CHUNK, buffer.length - n));
			if (read < 0) {
				break;
			}
			if (this.digest != null) {
				this.digest.update(buffer, n, read);
			}
			n += read;
		}
		this.size += n;
		return n;
	}

	/**
	 * Once the whole blob was read: fails when it is not what the caller said.
	 */
	void check() throws BlobMismatchException {
		if (this.expected == null) {
			return;
		}
		BlobMismatchException.requireMatch(this.expected, this.size, Sha256.hex(this.digest));
	}

}
