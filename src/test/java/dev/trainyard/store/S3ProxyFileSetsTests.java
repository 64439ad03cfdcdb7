package dev.trainyard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * File sets in an S3 bucket, against S3Proxy running in this JVM (a file of more than a
 * part goes as a multipart upload).
 */
class S3ProxyFileSetsTests extends FileSetsContractTests {

	static final String BUCKET = "trainyard-file-sets";

	static final String PREFIX = "tests/sets";

	@TempDir
	static Path buckets;

	static S3ProxyServer server;

	private S3Connection connection;

	private S3BlobStore store;

	@BeforeAll
	static void startS3Proxy() throws Exception {
		server = S3ProxyServer.start(buckets);
		server.createBucket(BUCKET);
	}

	@AfterAll
	static void stopS3Proxy() throws Exception {
		server.close();
	}

	@BeforeEach
	void connect() {
		this.connection = server.connect(BUCKET, PREFIX);
		this.store = new S3BlobStore(this.connection);
	}

	@AfterEach
	void disconnect() {
		this.connection.close();
	}

	@Override
	protected BlobStore store() {
		return this.store;
	}

	/** Damages the object in S3Proxy's folder, keeping the SHA-256 recorded with it. */
	@Override
	protected void damage(String key) throws IOException {
		Path file = buckets.resolve(BUCKET).resolve(PREFIX).resolve(key);
		byte[] bytes = Files.readAllBytes(file);
		bytes[bytes.length / 2] = (byte) ~bytes[bytes.length / 2];
		Files.write(file, bytes);
	}

}
