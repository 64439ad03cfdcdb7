package dev.trainyard.store.s3;

/**
 * What an object's bytes are checked against while they stream past: given every byte
 * read, and asked at the end whether they are the bytes that were stored.
 */
interface ObjectCheck {

	void update(byte[] bytes, int offset, int length);

	/**
	 * Called once, after the last byte.
	 * @return why the bytes read are not the ones that were stored, or {@code null} when
	 * they are
	 */
	String mismatch();

}
