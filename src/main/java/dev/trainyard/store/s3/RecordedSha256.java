package dev.trainyard.store.s3;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.trainyard.store.BlobCorruptException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Finds the SHA-256 an object was stored with, as the check its bytes go through while
 * they are read: the whole object's SHA-256 in its metadata ({@code x-amz-meta-sha256}),
 * or, for a multipart upload, S3's composite SHA-256 of parts of the size in its metadata
 * ({@code x-amz-meta-sha256-part-size}).
 * <p>
 * S3 sends its checksums only to a request that asks for them, and the SDK then checks
 * any full-object checksum itself, failing with an error that does not say "corrupt". So
 * the object is fetched without them, and the composite is asked for in a {@code HEAD} of
 * the same version (its ETag) only when the metadata says there is one.
 */
final class RecordedSha256 {

	static final String SHA256_METADATA = "sha256";

	static final String PART_SIZE_METADATA = "sha256-part-size";

	private final S3Connection connection;

	private final String bucket;

	RecordedSha256(S3Connection connection, String bucket) {
		this.connection = connection;
		this.bucket = bucket;
	}

	/**
	 * The check for the object {@code response} is streaming.
	 * @throws BlobCorruptException when no SHA-256 was recorded with the object
	 */
	ObjectCheck checkFor(String objectKey, GetObjectResponse response, String location) throws IOException {
		Map<String, String> metadata = response.metadata();
		String sha256 = metadata.get(SHA256_METADATA);
		if (sha256 != null) {
			return new WholeSha256Check(sha256);
		}
		String partSize = metadata.get(PART_SIZE_METADATA);
		if (partSize != null && partSize.matches("[1-9][0-9]{0,18}")) {
			return new CompositeSha256Check(Long.parseLong(partSize), composite(objectKey, response.eTag(), location));
		}
		throw new BlobCorruptException(location + " has no SHA-256 recorded with it (metadata x-amz-meta-"
				+ SHA256_METADATA + ", or x-amz-meta-" + PART_SIZE_METADATA
				+ " and S3's composite SHA-256): it was not written by this store");
	}

	private String composite(String objectKey, String eTag, String location) throws IOException {
		String composite;
		try {
			composite = this.connection.client()
				.headObject((head) -> head.bucket(this.bucket)
					.key(objectKey)
					.ifMatch(eTag)
					.checksumMode(ChecksumMode.ENABLED))
				.join()
				.checksumSHA256();
		}
		catch (CompletionException | SdkException ex) {
			throw this.connection.failures().translate(ex, this.bucket, location);
		}
		if (composite == null || !composite.contains("-")) {
			throw new BlobCorruptException(
					location + " was written as a multipart upload, but " + this.connection.endpoint()
							+ " keeps no composite SHA-256 of its parts (x-amz-checksum-sha256) to check it against");
		}
		return composite;
	}

}
