package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Objects in any S3 bucket, read with the store's S3 connection settings
 * ({@code trainyard.store.s3.region}, {@code .endpoint}, {@code .path-style-access}, the
 * AWS default credentials), whether or not the store itself is in S3: what {@code s3://}
 * datasets are read through.
 */
public interface S3Objects {

	/**
	 * Streams an object as it is stored, without checking it against anything.
	 * @throws BlobNotFoundException when there is no such object
	 * @throws IOException when S3 cannot be reached or fails (retrying may help)
	 * @throws BlobStoreAccessException when S3 refuses the request (retrying does not
	 * help)
	 */
	InputStream open(String bucket, String key) throws IOException;

}
