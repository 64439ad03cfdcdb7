package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where checkpoints and model artifacts live: local files by default, S3 in production.
 * Keys are slash-separated relative paths such as
 * {@code checkpoints/<pipeline>/<runId>/<round>-<sha>}.
 */
public interface BlobStore {

	/**
	 * Stores {@code content} under {@code key}. The blob becomes visible under its key
	 * only once it is completely and durably written; a reader never sees part of it.
	 * @return the size and SHA-256 of what was written
	 */
	StoredBlob put(String key, InputStream content) throws IOException;

	/**
	 * Stores {@code content} whose size and SHA-256 the caller already knows, such as a
	 * model it holds in memory: a store that records the SHA-256 with the blob then need
	 * not read the content twice. The store still checks the content against both while
	 * it writes it, and fails, leaving no blob, when they differ.
	 * @return the size and SHA-256 of what was written: the ones given
	 * @throws BlobMismatchException when the content is not what the caller said
	 */
	StoredBlob put(String key, InputStream content, long size, String sha256) throws IOException;

	/**
	 * Opens a blob for reading.
	 * @throws BlobNotFoundException when there is no blob under {@code key}
	 */
	InputStream open(String key) throws IOException;

	boolean exists(String key) throws IOException;

	void delete(String key) throws IOException;

	/**
	 * A human-readable address of the blob, such as {@code file:///...} or
	 * {@code s3://bucket/key}.
	 */
	String location(String key);

}
