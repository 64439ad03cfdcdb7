package dev.trainyard.store.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.concurrent.CompletionException;

import dev.trainyard.store.BlobCorruptException;
import dev.trainyard.store.Sha256;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's bytes as S3 streams them. Failures while reading become
 * {@link IOException}s naming the object. With an expected SHA-256 it hashes what passes
 * through and, at the end of the stream, throws a {@link BlobCorruptException} when the
 * bytes are not the ones that were stored. Closed before its end, it aborts the request
 * instead of draining the rest.
 */
final class S3ObjectStream extends FilterInputStream {

	private final ResponseInputStream<GetObjectResponse> response;

	private final String location;

	private final String expectedSha256;

	private final Long expectedSize;

	private final MessageDigest digest;

	private final S3Failures failures;

	private final String bucket;

	private long count;

	private boolean ended;

	private IOException failure;

	S3ObjectStream(ResponseInputStream<GetObjectResponse> response, String location, String expectedSha256,
			S3Failures failures, String bucket) {
		super(response);
		this.response = response;
		this.location = location;
		this.expectedSha256 = expectedSha256;
		this.expectedSize = response.response().contentLength();
		this.digest = (expectedSha256 != null) ? Sha256.newDigest() : null;
		this.failures = failures;
		this.bucket = bucket;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int n = read(one, 0, 1);
		return (n < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int n;
		try {
			n = this.in.read(buffer, offset, length);
		}
		catch (SdkException | CompletionException | UncheckedIOException ex) {
			throw this.failures.translate(ex, this.bucket, this.location);
		}
		if (n < 0) {
			end();
			return -1;
		}
		this.count += n;
		if (this.digest != null) {
			this.digest.update(buffer, offset, n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
		long skipped = 0;
		while (skipped < n) {
			int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public synchronized void mark(int readlimit) {
	}

	@Override
	public synchronized void reset() throws IOException {
		throw new IOException("mark/reset not supported");
	}

	@Override
	public void close() throws IOException {
		if (!this.ended) {
			this.response.abort();
		}
		super.close();
	}

	private void end() throws IOException {
		if (!this.ended) {
			this.ended = true;
			this.failure = check();
		}
		if (this.failure != null) {
			throw this.failure;
		}
	}

	private IOException check() {
		if (this.expectedSize != null && this.count != this.expectedSize) {
			return new IOException(
					this.location + " ended after " + this.count + " of its " + this.expectedSize + " bytes");
		}
		if (this.digest != null) {
			String sha256 = Sha256.hex(this.digest);
			if (!sha256.equals(this.expectedSha256)) {
				return new BlobCorruptException(this.location + " is corrupt: its bytes have SHA-256 " + sha256 + ", "
						+ this.expectedSha256 + " was recorded when it was written");
			}
		}
		return null;
	}

}
