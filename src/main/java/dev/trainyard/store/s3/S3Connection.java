package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.trainyard.store.BlobStoreAccessException;
import dev.trainyard.store.S3Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The S3 clients of the store and of {@code s3://} datasets, made from
 * {@code trainyard.store.s3.*} on first use (so that a Trainyard without S3 settings
 * never looks for AWS credentials or a region). Two clients share one HTTP connection
 * pool: a plain one, which the store uses for everything (it sends its multipart uploads
 * part by part itself, from buffers it reuses), and one with the SDK's own multipart
 * uploads of streams, for callers that keep no SHA-256 with the object.
 */
public class S3Connection implements S3Objects, AutoCloseable {

	/**
	 * How many parts of one upload may be on their way at once: the store's multipart
	 * uploads and the SDK's (whose buffer holds this many parts) alike.
	 */
	static final int PARTS_IN_FLIGHT = 4;

	private final S3Settings settings;

	private final AwsCredentialsProvider credentials;

	private final S3Failures failures;

	private Clients clients;

	private boolean closed;

	/**
	 * A connection with credentials from the AWS default provider chain.
	 */
	public S3Connection(S3Settings settings) {
		this(settings, null);
	}

	/**
	 * A connection with the given credentials ({@code null}: the AWS default provider
	 * chain).
	 */
	public S3Connection(S3Settings settings, AwsCredentialsProvider credentials) {
		this.settings = settings;
		this.credentials = credentials;
		this.failures = new S3Failures(describe(settings));
	}

	public S3Settings settings() {
		return this.settings;
	}

	/**
	 * The S3 API this connection talks to, as error messages name it: the endpoint's URI,
	 * or AWS S3 and the region.
	 */
	public String endpoint() {
		return this.failures.endpoint();
	}

	/**
	 * The plain client: single requests, no multipart.
	 */
	public S3AsyncClient client() {
		return clients().plain();
	}

	/**
	 * The client whose uploads above the part size are the SDK's multipart uploads, with
	 * no checksum of the store's.
	 */
	public S3AsyncClient multipartClient() {
		return clients().multipart();
	}

	/**
	 * Streams an object as it is stored, without checking it against anything.
	 * @throws dev.trainyard.store.BlobNotFoundException when there is no such object
	 * @throws IOException when S3 cannot be reached or fails (retrying may help)
	 * @throws BlobStoreAccessException when S3 refuses the request (retrying does not
	 * help)
	 */
	@Override
	public InputStream open(String bucket, String key) throws IOException {
		String location = "s3://" + bucket + "/" + key;
		return new S3ObjectStream(get(bucket, key, location), location, null, this.failures, bucket);
	}

	ResponseInputStream<GetObjectResponse> get(String bucket, String key, String location) throws IOException {
		try {
			return client()
				.getObject((request) -> request.bucket(bucket).key(key),
						AsyncResponseTransformer.<GetObjectResponse>toBlockingInputStream())
				.join();
		}
		catch (CompletionException | SdkException ex) {
			throw this.failures.translate(ex, bucket, location);
		}
	}

	S3Failures failures() {
		return this.failures;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.clients != null) {
			this.clients.multipart().close();
			this.clients.plain().close();
			this.clients.http().close();
			shutDown(this.clients.eventLoops());
			this.clients = null;
		}
	}

	private synchronized Clients clients() {
		if (this.closed) {
			throw new IllegalStateException("the S3 connection to " + endpoint() + " is closed");
		}
		if (this.clients == null) {
			this.clients = build();
		}
		return this.clients;
	}

	private Clients build() {
		SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().build();
		SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
			.eventLoopGroup(eventLoops)
			.connectionTimeout(this.settings.connectTimeout())
			.readTimeout(this.settings.readTimeout())
			.writeTimeout(this.settings.readTimeout())
			.maxConcurrency(64)
			.build();
		AwsCredentialsProvider provider = (this.credentials != null) ? this.credentials
				: DefaultCredentialsProvider.builder().build();
		try {
			S3AsyncClient plain = builder(http, provider).build();
			long partSize = this.settings.partSize().toBytes();
			S3AsyncClient multipart = builder(http, provider).multipartEnabled(true)
				.multipartConfiguration((multipartSettings) -> multipartSettings.thresholdInBytes(partSize)
					.minimumPartSizeInBytes(partSize)
					.apiCallBufferSizeInBytes(PARTS_IN_FLIGHT * partSize))
				.build();
			return new Clients(eventLoops, http, plain, multipart);
		}
		catch (SdkException ex) {
			http.close();
			shutDown(eventLoops);
			throw new BlobStoreAccessException("cannot set up the S3 client for " + endpoint() + ": " + ex.getMessage()
					+ " (set trainyard.store.s3.region, or AWS_REGION)", ex);
		}
	}

	private S3AsyncClientBuilder builder(SdkAsyncHttpClient http, AwsCredentialsProvider provider) {
		S3AsyncClientBuilder builder = S3AsyncClient.builder()
			.httpClient(http)
			.credentialsProvider(provider)
			.forcePathStyle(this.settings.pathStyleAccess())
			.overrideConfiguration((override) -> override
				.retryStrategy((retries) -> retries.maxAttempts(this.settings.maxAttempts())));
		URI endpoint = this.settings.endpoint();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		if (this.settings.region() != null && !this.settings.region().isBlank()) {
			builder.region(Region.of(this.settings.region()));
		}
		else if (endpoint != null) {
			builder.region(Region.US_EAST_1);
		}
		return builder;
	}

	private static String describe(S3Settings settings) {
		if (settings.endpoint() != null) {
			return settings.endpoint().toString();
		}
		return "AWS S3"
				+ ((settings.region() != null && !settings.region().isBlank()) ? " (" + settings.region() + ")" : "");
	}

	// Netty's default graceful shutdown waits two quiet seconds; nothing is in flight
	// any more once the clients are closed.
	private static void shutDown(SdkEventLoopGroup eventLoops) {
		eventLoops.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS);
	}

	private record Clients(SdkEventLoopGroup eventLoops, SdkAsyncHttpClient http, S3AsyncClient plain,
			S3AsyncClient multipart) {
	}

}
