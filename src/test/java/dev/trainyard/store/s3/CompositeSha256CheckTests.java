package dev.trainyard.store.s3;

import java.util.Base64;
import java.util.SplittableRandom;

import dev.trainyard.store.Sha256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompositeSha256CheckTests {

	private static final int PART = 1000;

	@Test
	void hashesEachPartWhateverTheReadsLookLike() {
		byte[] bytes = new byte[3 * PART + 17];
		new SplittableRandom(1).nextBytes(bytes);
		CompositeSha256Check check = new CompositeSha256Check(PART, composite(bytes));
		SplittableRandom lengths = new SplittableRandom(2);
		for (int offset = 0; offset < bytes.length;) {
			int n = Math.min(bytes.length - offset, 1 + lengths.nextInt(2 * PART));
			check.update(bytes, offset, n);
			offset += n;
		}
		assertThat(check.mismatch()).isNull();
	}

	@Test
	void anObjectOfWholePartsHasNoEmptyLastPart() {
		byte[] bytes = new byte[2 * PART];
		CompositeSha256Check check = new CompositeSha256Check(PART, composite(bytes));
		check.update(bytes, 0, bytes.length);
		assertThat(check.mismatch()).isNull();
	}

	@Test
	void reportsADamagedPart() {
		byte[] bytes = new byte[2 * PART + 1];
		String expected = composite(bytes);
		bytes[PART + 3] = 1;
		CompositeSha256Check check = new CompositeSha256Check(PART, expected);
		check.update(bytes, 0, bytes.length);
		assertThat(check.mismatch()).contains(expected).contains("parts of 1000 bytes");
	}

	private static String composite(byte[] bytes) {
		var digests = Sha256.newDigest();
		int parts = 0;
		for (int offset = 0; offset < bytes.length; offset += PART) {
			var part = Sha256.newDigest();
			part.update(bytes, offset, Math.min(PART, bytes.length - offset));
			digests.update(part.digest());
			parts++;
		}
		return Base64.getEncoder().encodeToString(digests.digest()) + "-" + parts;
	}

}
