package dev.trainyard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.trainyard.store.S3ProxyServer;
import dev.trainyard.store.s3.S3Connection;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import org.springframework.util.FileSystemUtils;

/**
 * A real S3 API for the application tests without Docker: one S3Proxy per JVM, started on
 * first use, keeping its buckets in a temporary folder. Every test class that asks gets a
 * bucket of its own and becomes the application's store (under a prefix, as in
 * production).
 * <p>
 * The application reads its credentials from the AWS default provider chain, as in
 * production; the first use sets the chain's system properties ({@code aws.accessKeyId},
 * {@code aws.secretAccessKey}) to S3Proxy's key.
 */
public final class S3Buckets {

	/** The prefix under which the application's objects go in a test bucket. */
	public static final String PREFIX = "trainyard";

	private static final AtomicInteger buckets = new AtomicInteger();

	private static final Map<String, URI> endpoints = new ConcurrentHashMap<>();

	private S3Buckets() {
	}

	/**
	 * Creates a new bucket in the embedded S3Proxy and returns the application's store
	 * settings for it.
	 */
	public static Map<String, String> newBucket() {
		String bucket = "trainyard-" + buckets.incrementAndGet();
		Server.INSTANCE.createBucket(bucket);
		return settings(Server.INSTANCE.endpoint(), bucket);
	}

	/**
	 * The AWS default provider chain's system properties with S3Proxy's key.
	 */
	public static Map<String, String> credentials() {
		return Map.of("aws.accessKeyId", S3ProxyServer.ACCESS_KEY, "aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
	}

	/**
	 * The application's store settings for {@code bucket} at {@code endpoint} (which
	 * accepts S3Proxy's key, as LocalStack accepts any).
	 */
	static Map<String, String> settings(URI endpoint, String bucket) {
		useCredentials();
		endpoints.put(bucket, endpoint);
		return Map.of("trainyard.store.s3.bucket", bucket, "trainyard.store.s3.prefix", PREFIX,
				"trainyard.store.s3.endpoint", endpoint.toString(), "trainyard.store.s3.region", "us-east-1",
				"trainyard.store.s3.path-style-access", "true");
	}

	/**
	 * Rewrites the object at {@code location} ({@code s3://bucket/key} in a bucket
	 * registered here) with {@code change} applied to its bytes, keeping its metadata
	 * (the SHA-256 the store recorded): an object damaged at rest.
	 */
	public static void damage(String location, UnaryOperator<byte[]> change) {
		URI uri = URI.create(location);
		String bucket = uri.getHost();
		String key = uri.getPath().substring(1);
		URI endpoint = endpoints.get(bucket);
		if (!"s3".equals(uri.getScheme()) || endpoint == null) {
			throw new IllegalArgumentException(location + " is not in a bucket registered by S3Buckets");
		}
		try (S3Connection connection = new S3Connection(S3ProxyServer.settings(endpoint, bucket, ""),
				S3ProxyServer.credentials())) {
			ResponseBytes<GetObjectResponse> object = connection.client()
				.getObject((request) -> request.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
				.join();
			connection.client()
				.putObject((request) -> request.bucket(bucket).key(key).metadata(object.response().metadata()),
						AsyncRequestBody.fromBytes(change.apply(object.asByteArray())))
				.join();
		}
	}

	private static void useCredentials() {
		credentials().forEach(System::setProperty);
	}

	/** Started when first used: the JVM's class initialization makes it once. */
	private static final class Server {

		static final Path DIR = createDir();

		static final S3ProxyServer INSTANCE = start();

		private static Path createDir() {
			try {
				return Files.createTempDirectory("trainyard-s3proxy-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static S3ProxyServer start() {
			try {
				S3ProxyServer server = S3ProxyServer.start(DIR);
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						server.close();
						FileSystemUtils.deleteRecursively(DIR);
					}
					catch (Exception ex) {
						// the JVM is going away
					}
				}));
				return server;
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start the embedded S3Proxy in " + DIR, ex);
			}
		}

	}

}
