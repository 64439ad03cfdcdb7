package dev.trainyard.store.s3;

import java.security.MessageDigest;

import dev.trainyard.store.Sha256;

/**
 * S3's composite SHA-256 of an object the store sent as a multipart upload. The store
 * sends parts of one size and records it in the object's metadata, so the part boundaries
 * are known while reading: each part is hashed as it streams past, and at the end the
 * composite of those digests must be the one S3 keeps with the object.
 */
final class CompositeSha256Check implements ObjectCheck {

	private final long partSize;

	private final String expected;

	private final MessageDigest part = Sha256.newDigest();

	private final CompositeSha256 composite = new CompositeSha256();

	private long inPart;

	CompositeSha256Check(long partSize, String expected) {
		this.partSize = partSize;
		this.expected = expected;
	}

	@Override
	public void update(byte[] bytes, int offset, int length) {
		int position = offset;
		int remaining = length;
		while (remaining > 0) {
			int n = (int) Math.min(remaining, this.partSize - this.inPart);
			this.part.update(bytes, position, n);
			this.inPart += n;
			position += n;
			remaining -= n;
			if (this.inPart == this.partSize) {
				endPart();
			}
		}
	}

	@Override
	public String mismatch() {
		if (this.inPart > 0) {
			endPart();
		}
		String actual = this.composite.value();
		return actual.equals(this.expected) ? null
				: "its parts of " + this.partSize + " bytes have the composite SHA-256 " + actual + ", S3 recorded "
						+ this.expected + " when it was written";
	}

	private void endPart() {
		this.composite.add(this.part.digest());
		this.inPart = 0;
	}

}
