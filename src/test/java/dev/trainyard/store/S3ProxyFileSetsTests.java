package dev.trainyard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.trainyard.store.s3.S3BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * File sets in an S3 bucket, against S3Proxy running in this JVM (a file of more than a
 * part goes as a multipart upload).
 */
class S3ProxyFileSetsTests extends FileSetsContractTests {

	static final String BUCKET = "trainyard-file-sets";

	static final String PREFIX = "tests/sets";

	@RegisterExtension
	static final InJvmS3 s3 = new InJvmS3(BUCKET);

	private S3BlobStore store;

	@BeforeEach
	void connect() {
		this.store = s3.store(BUCKET, PREFIX);
	}

	@Override
	protected BlobStore store() {
		return this.store;
	}

	/** Damages the object in S3Proxy's folder, keeping the SHA-256 recorded with it. */
	@Override
	protected void damage(String key) throws IOException {
		Path file = s3.object(BUCKET, PREFIX, key);
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] = (byte) ~bytes[bytes.length / 2];
		Files.write(file, bytes);
	}

}
