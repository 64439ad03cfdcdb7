package dev.trainyard.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.store.s3.S3Connection;
import dev.trainyard.store.s3.S3Settings;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.util.unit.DataSize;

/**
 * A real S3 API in this JVM: S3Proxy on a random local port, keeping its buckets in a
 * folder, checking AWS signatures against one access key.
 */
public final class S3ProxyServer implements AutoCloseable {

	public static final String ACCESS_KEY = "trainyard";

	public static final String SECRET_KEY = "trainyard-secret-key";

	private final S3Proxy proxy;

	private final URI endpoint;

	private S3ProxyServer(S3Proxy proxy, URI endpoint) {
		this.proxy = proxy;
		this.endpoint = endpoint;
	}

	/**
	 * Starts S3Proxy with its buckets under {@code dir}.
	 */
	public static S3ProxyServer start(Path dir) throws Exception {
		Files.createDirectories(dir);
		return start(new FilesystemNio2BlobStore(dir.toString()));
	}

	/**
	 * Starts S3Proxy in front of {@code store} (one that injects faults, say).
	 */
	public static S3ProxyServer start(BlobStore store) throws Exception {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(store)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.ignoreUnknownHeaders(true)
			.stopTimeout(0)
			.build();
		proxy.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!"STARTED".equals(proxy.getState())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
			}
			Thread.onSpinWait();
		}
		return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
	}

	public URI endpoint() {
		return this.endpoint;
	}

	public static AwsCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
	}

	/**
	 * Store settings for a bucket of this server, with short timeouts and two attempts.
	 */
	public S3Settings settings(String bucket, String prefix) {
		return settings(this.endpoint, bucket, prefix);
	}

	/**
	 * Store settings for a bucket at any endpoint, with short timeouts and two attempts.
	 */
	public static S3Settings settings(URI endpoint, String bucket, String prefix) {
		return new S3Settings(bucket, prefix, "us-east-1", endpoint, true, DataSize.ofMegabytes(8),
				Duration.ofSeconds(2), Duration.ofSeconds(20), 2, null);
	}

	/**
	 * A connection to this server with its credentials.
	 */
	public S3Connection connect(String bucket, String prefix) {
		return new S3Connection(settings(bucket, prefix), credentials());
	}

	/**
	 * Creates a bucket.
	 */
	public void createBucket(String bucket) {
		try (S3Connection connection = connect(bucket, "")) {
			connection.client().createBucket((request) -> request.bucket(bucket)).join();
		}
	}

	@Override
	public void close() throws Exception {
		this.proxy.stop();
	}

}
