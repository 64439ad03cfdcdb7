package dev.trainyard.store.s3;

import java.security.MessageDigest;
import java.util.Base64;

import dev.trainyard.store.Sha256;

/**
 * S3's composite SHA-256 of a multipart object, as S3 reports it: the base64 SHA-256 of
 * the concatenated SHA-256 digests of its parts, a hyphen and the number of parts.
 */
final class CompositeSha256 {

	private final MessageDigest partDigests = Sha256.newDigest();

	private int parts;

	/**
	 * Adds the SHA-256 digest of the next part.
	 */
	void add(byte[] partDigest) {
		this.partDigests.update(partDigest);
		this.parts++;
	}

	int parts() {
		return this.parts;
	}

	/**
	 * The composite of the parts added so far; call once.
	 */
	String value() {
		return Base64.getEncoder().encodeToString(this.partDigests.digest()) + "-" + this.parts;
	}

}
