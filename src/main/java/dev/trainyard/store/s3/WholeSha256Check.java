package dev.trainyard.store.s3;

import java.security.MessageDigest;

import dev.trainyard.store.Sha256;

/**
 * The SHA-256 of the whole object, hex, as the store records it in the object's metadata
 * ({@code x-amz-meta-sha256}) when it knows it before the upload starts: blobs sent in
 * one request, and every blob written by earlier versions of the store.
 */
final class WholeSha256Check implements ObjectCheck {

	private final String expected;

	private final MessageDigest digest = Sha256.newDigest();

	WholeSha256Check(String expected) {
		this.expected = expected;
	}

	@Override
	public void update(byte[] bytes, int offset, int length) {
		this.digest.update(bytes, offset, length);
	}

	@Override
	public String mismatch() {
		String actual = Sha256.hex(this.digest);
		return actual.equals(this.expected) ? null
				: "its bytes have SHA-256 " + actual + ", " + this.expected + " was recorded when it was written";
	}

}
