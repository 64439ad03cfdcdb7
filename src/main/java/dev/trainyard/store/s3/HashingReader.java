package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import dev.trainyard.store.Sha256;

/**
 * Reads a blob into part buffers, hashing as it goes both the whole blob (the SHA-256 the
 * store answers with) and each part (which S3 checks on arrival and keeps the composite
 * of). Hashing each chunk right after reading it finds it still in the CPU's cache.
 */
final class HashingReader {

	private static final int CHUNK = 256 * 1024;

	private final InputStream in;

	private final MessageDigest whole = Sha256.newDigest();

	private final MessageDigest part = Sha256.newDigest();

	private long size;

	HashingReader(InputStream in) {
		this.in = in;
	}

	/**
	 * Reads up to {@code max} bytes into a new array no larger than what was read (a
	 * small blob needs no part-sized buffer).
	 */
	byte[] readFirst(int max) throws IOException {
		byte[] bytes = this.in.readNBytes(max);
		hash(bytes, 0, bytes.length);
		return bytes;
	}

	/**
	 * Fills {@code buffer} as far as the stream goes.
	 * @return the number of bytes read: less than the buffer's length only at the end
	 */
	int fill(byte[] buffer) throws IOException {
		int n = 0;
		while (n < buffer.length) {
			int read = this.in.read(buffer, n, Math.min(CHUNK, buffer.length - n));
			if (read < 0) {
				break;
			}
			hash(buffer, n, read);
			n += read;
		}
		return n;
	}

	/**
	 * The SHA-256 digest of the bytes read since the last call: one part.
	 */
	byte[] partDigest() {
		return this.part.digest();
	}

	/**
	 * The SHA-256 of everything read, hex; call once, at the end.
	 */
	String sha256() {
		return Sha256.hex(this.whole);
	}

	long size() {
		return this.size;
	}

	private void hash(byte[] bytes, int offset, int length) {
		this.whole.update(bytes, offset, length);
		this.part.update(bytes, offset, length);
		this.size += length;
	}

}
