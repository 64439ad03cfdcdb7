package dev.trainyard.store;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The S3 store against S3Proxy running in this JVM: runs on every machine.
 */
class S3ProxyBlobStoreContractTests extends S3BlobStoreContractTests {

	@TempDir
	static Path buckets;

	static S3ProxyServer server;

	@BeforeAll
	static void startS3Proxy() throws Exception {
		server = S3ProxyServer.start(buckets);
		server.createBucket(BUCKET);
	}

	@AfterAll
	static void stopS3Proxy() throws Exception {
		server.close();
	}

	@Override
	protected URI endpoint() {
		return server.endpoint();
	}

	@Override
	protected AwsCredentialsProvider credentials() {
		return S3ProxyServer.credentials();
	}

}
