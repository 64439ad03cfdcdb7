package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 helpers; hashes are lower-case hex everywhere in Trainyard.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

	public static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(newDigest().digest(bytes));
	}

	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Reads {@code in} to its end and returns the SHA-256 of what was read.
	 */
	public static String hex(InputStream in) throws IOException {
		MessageDigest digest = newDigest();
		try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
			digesting.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return hex(digest);
	}

}
