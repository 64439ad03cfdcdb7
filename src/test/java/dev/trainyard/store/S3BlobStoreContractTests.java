package dev.trainyard.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The blob store contract on an S3 API, and what only S3 can get wrong: an object changed
 * behind the store's back, wrong credentials, an endpoint that is down.
 */
abstract class S3BlobStoreContractTests extends BlobStoreContractTests {

	static final String BUCKET = "trainyard-contract";

	static final String PREFIX = "tests/store";

	private S3Connection connection;

	private S3BlobStore store;

	private final ExecutorService uploads = Executors.newSingleThreadExecutor();

	/** Where the S3 API under test listens. */
	protected abstract URI endpoint();

	/** Credentials it accepts. */
	protected abstract AwsCredentialsProvider credentials();

	@BeforeEach
	void connect() {
		this.connection = new S3Connection(settings(endpoint(), BUCKET), credentials());
		this.store = new S3BlobStore(this.connection);
	}

	@AfterEach
	void disconnect() {
		this.connection.close();
		this.uploads.shutdown();
	}

	@Override
	protected BlobStore store() {
		return this.store;
	}

	static StoreProperties.S3 settings(URI endpoint, String bucket) {
		return new StoreProperties.S3(bucket, PREFIX, "us-east-1", endpoint, true, DataSize.ofMegabytes(8),
				Duration.ofSeconds(1), Duration.ofSeconds(20), 2);
	}

	/** The S3 client of the store under test, for what the store does not do. */
	protected S3Connection connection() {
		return this.connection;
	}

	@Test
	void locationNamesTheBucketThePrefixAndTheKey() {
		assertThat(this.store.location("models/p/3/model.ubj"))
			.isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/models/p/3/model.ubj");
	}

	@Test
	void recordsTheSha256OfASmallBlobAsMetadataAndAsS3sChecksum() throws IOException {
		String key = key("small");
		StoredBlob blob = this.store.put(key, new SeededBytes(4, 1000));
		HeadObjectResponse head = head(key);
		assertThat(head.metadata()).containsEntry("sha256", blob.sha256());
		assertThat(head.checksumSHA256()).isEqualTo(base64(blob.sha256()));
	}

	@Test
	void streamsALargeBlobAsAMultipartUploadWithTheCompositeSha256OfItsParts() throws IOException {
		String key = key("multipart");
		long size = DataSize.ofMegabytes(20).toBytes();
		StoredBlob blob = this.store.put(key, new SeededBytes(5, size));
		assertThat(blob.sha256()).isEqualTo(Sha256.hex(new SeededBytes(5, size)));
		HeadObjectResponse head = head(key);
		assertThat(head.contentLength()).isEqualTo(size);
		assertThat(head.metadata()).containsEntry("sha256-part-size", Long.toString(DataSize.ofMegabytes(8).toBytes()))
			.doesNotContainKey("sha256");
		assertThat(head.checksumSHA256()).isEqualTo(composite(new SeededBytes(5, size), 8 * 1024 * 1024));
	}

	@Test
	void readsALargeBlobBackInReadsOfAnySize() throws IOException {
		String key = key("odd-reads");
		long size = DataSize.ofMegabytes(17).toBytes() + 3;
		StoredBlob blob = this.store.put(key, new SeededBytes(6, size));
		MessageDigest digest = Sha256.newDigest();
		SplittableRandom lengths = new SplittableRandom(6);
		try (InputStream in = this.store.open(key)) {
			byte[] buffer = new byte[100_003];
			int n;
			while ((n = in.read(buffer, 0, 1 + lengths.nextInt(buffer.length))) >= 0) {
				digest.update(buffer, 0, n);
			}
		}
		assertThat(Sha256.hex(digest)).isEqualTo(blob.sha256());
	}

	@Test
	void failedLargeWriteAbortsItsMultipartUpload() {
		String key = key("aborted");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.store.put(key, new FailingStream(20L * 1024 * 1024)));
		assertThat(this.connection.client()
			.listMultipartUploads((request) -> request.bucket(BUCKET).prefix(PREFIX + "/" + key))
			.join()
			.uploads()).isEmpty();
	}

	@Test
	void readsLargeObjectsWrittenWithTheWholeSha256InMetadata() throws IOException {
		String key = key("earlier-format");
		long size = DataSize.ofMegabytes(20).toBytes();
		String sha256 = Sha256.hex(new SeededBytes(7, size));
		this.connection.multipartClient()
			.putObject((request) -> request.bucket(BUCKET).key(PREFIX + "/" + key).metadata(Map.of("sha256", sha256)),
					AsyncRequestBody.fromInputStream(new SeededBytes(7, size), size, this.uploads))
			.join();
		try (InputStream in = this.store.open(key)) {
			assertThat(Sha256.hex(in)).isEqualTo(sha256);
		}
	}

	@Test
	void largeObjectWithAWrongSha256InMetadataFailsItsRead() throws IOException {
		String key = key("earlier-format-corrupt");
		long size = DataSize.ofMegabytes(20).toBytes();
		String other = Sha256.hex(new SeededBytes(8, size));
		this.connection.multipartClient()
			.putObject((request) -> request.bucket(BUCKET).key(PREFIX + "/" + key).metadata(Map.of("sha256", other)),
					AsyncRequestBody.fromInputStream(new SeededBytes(7, size), size, this.uploads))
			.join();
		assertThatExceptionOfType(BlobCorruptException.class).isThrownBy(() -> {
			try (InputStream in = this.store.open(key)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
		}).withMessageContaining(key).withMessageContaining(other);
	}

	@Test
	void largeObjectWithAPartSizeButNoCompositeSha256IsNotTrusted() {
		String key = key("no-composite");
		long size = DataSize.ofMegabytes(20).toBytes();
		this.connection.multipartClient()
			.putObject(
					(request) -> request.bucket(BUCKET)
						.key(PREFIX + "/" + key)
						.metadata(Map.of("sha256-part-size", Long.toString(DataSize.ofMegabytes(8).toBytes()))),
					AsyncRequestBody.fromInputStream(new SeededBytes(7, size), size, this.uploads))
			.join();
		assertThatExceptionOfType(BlobCorruptException.class).isThrownBy(() -> this.store.open(key))
			.withMessageContaining(key)
			.withMessageContaining("composite SHA-256");
	}

	HeadObjectResponse head(String key) {
		return this.connection.client()
			.headObject((request) -> request.bucket(BUCKET).key(PREFIX + "/" + key).checksumMode(ChecksumMode.ENABLED))
			.join();
	}

	static String base64(String hex) {
		return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
	}

	/** S3's composite SHA-256 of {@code in} sent in parts of {@code partSize}. */
	static String composite(InputStream in, int partSize) throws IOException {
		MessageDigest digests = Sha256.newDigest();
		int parts = 0;
		byte[] part;
		while ((part = in.readNBytes(partSize)).length > 0) {
			digests.update(Sha256.newDigest().digest(part));
			parts++;
		}
		return Base64.getEncoder().encodeToString(digests.digest()) + "-" + parts;
	}

	@Test
	void corruptObjectFailsItsReadNamingTheKey() throws IOException {
		String key = key("000020-corrupt");
		byte[] bytes = "the model as it was written".getBytes(StandardCharsets.UTF_8);
		StoredBlob blob = this.store.put(key, new ByteArrayInputStream(bytes));
		byte[] other = "the model as it was changed".getBytes(StandardCharsets.UTF_8);
		this.connection.client()
			.putObject((request) -> request.bucket(BUCKET)
				.key(PREFIX + "/" + key)
				.metadata(Map.of("sha256", blob.sha256())), AsyncRequestBody.fromBytes(other))
			.join();
		assertThatExceptionOfType(BlobCorruptException.class).isThrownBy(() -> {
			try (InputStream in = this.store.open(key)) {
				in.readAllBytes();
			}
		}).withMessageContaining(key).withMessageContaining(blob.sha256());
	}

	@Test
	void objectWithoutARecordedSha256IsNotTrusted() {
		String key = key("foreign");
		this.connection.client()
			.putObject((request) -> request.bucket(BUCKET).key(PREFIX + "/" + key), AsyncRequestBody.fromString("x"))
			.join();
		assertThatExceptionOfType(BlobCorruptException.class).isThrownBy(() -> this.store.open(key))
			.withMessageContaining(key);
	}

	@Test
	void wrongCredentialsFailAtOnceWithAnErrorThatIsNotRetried() {
		AwsCredentialsProvider wrong = StaticCredentialsProvider
			.create(AwsBasicCredentials.create("not-the-key", "not-the-secret"));
		try (S3Connection denied = new S3Connection(settings(endpoint(), BUCKET), wrong)) {
			S3BlobStore deniedStore = new S3BlobStore(denied);
			String key = key("denied");
			Throwable put = catchThrowable(() -> deniedStore.put(key, new ByteArrayInputStream(new byte[] { 1 })));
			assertThat(put).isInstanceOf(BlobStoreAccessException.class)
				.isNotInstanceOf(IOException.class)
				.hasMessageContaining(endpoint().toString())
				.hasMessageContaining(key)
				.hasMessageContaining("denied access");
			assertThat(catchThrowable(() -> deniedStore.open(key))).isInstanceOf(BlobStoreAccessException.class);
		}
	}

	@Test
	void missingBucketFailsAtOnceWithAnErrorThatIsNotRetried() {
		try (S3Connection connection = new S3Connection(settings(endpoint(), "no-such-bucket"), credentials())) {
			Throwable put = catchThrowable(
					() -> new S3BlobStore(connection).put(key("x"), new ByteArrayInputStream(new byte[] { 1 })));
			assertThat(put).isInstanceOf(BlobStoreAccessException.class).hasMessageContaining("no-such-bucket");
		}
	}

	@Test
	void endpointThatIsDownIsATransientErrorNamingItInBoundedTime() throws IOException {
		URI down = URI.create("http://127.0.0.1:" + closedPort());
		try (S3Connection connection = new S3Connection(settings(down, BUCKET), credentials())) {
			S3BlobStore unreachable = new S3BlobStore(connection);
			assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
				Throwable put = catchThrowable(
						() -> unreachable.put(key("down"), new ByteArrayInputStream(new byte[] { 1 })));
				assertThat(put).isInstanceOf(IOException.class)
					.hasMessageContaining(down.toString())
					.hasMessageContaining(BUCKET)
					.hasMessageContaining("after 2 attempts");
				Throwable open = catchThrowable(() -> unreachable.open(key("down")));
				assertThat(open).isInstanceOf(IOException.class)
					.isNotInstanceOf(BlobNotFoundException.class)
					.hasMessageContaining(down.toString());
			});
		}
	}

	/** A port nothing listens on: connecting to it is refused at once. */
	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
