package dev.trainyard.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import dev.trainyard.store.s3.S3Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
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

	@TempDir
	Path spoolDir;

	private S3Connection connection;

	private S3BlobStore store;

	/** Where the S3 API under test listens. */
	protected abstract URI endpoint();

	/** Credentials it accepts. */
	protected abstract AwsCredentialsProvider credentials();

	@BeforeEach
	void connect() {
		this.connection = new S3Connection(settings(endpoint(), BUCKET, this.spoolDir), credentials());
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

	static S3Settings settings(URI endpoint, String bucket, Path spoolDir) {
		return new S3Settings(bucket, PREFIX, "us-east-1", endpoint, true, DataSize.ofMegabytes(8),
				Duration.ofSeconds(1), Duration.ofSeconds(20), 2, spoolDir);
	}

	@Test
	void locationNamesTheBucketThePrefixAndTheKey() {
		assertThat(this.store.location("models/p/3/model.ubj"))
			.isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/models/p/3/model.ubj");
	}

	@Test
	void recordsTheSha256WithTheObjectAndCleansUpTheSpoolFile() throws IOException {
		String key = key("multipart");
		long size = DataSize.ofMegabytes(20).toBytes();
		StoredBlob blob = this.store.put(key, new SeededBytes(5, size));
		HeadObjectResponse head = this.connection.client()
			.headObject((request) -> request.bucket(BUCKET).key(PREFIX + "/" + key))
			.join();
		assertThat(head.metadata()).containsEntry("sha256", blob.sha256());
		assertThat(head.contentLength()).isEqualTo(size);
		try (var files = Files.list(this.spoolDir)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void streamsALargeBlobWhoseSha256IsKnownWithoutASpoolFile() throws IOException {
		String key = key("multipart-known");
		long size = DataSize.ofMegabytes(20).toBytes();
		String sha256 = Sha256.hex(new SeededBytes(5, size));
		this.store.put(key, new SeededBytes(5, size), size, sha256);
		HeadObjectResponse head = this.connection.client()
			.headObject((request) -> request.bucket(BUCKET).key(PREFIX + "/" + key))
			.join();
		assertThat(head.metadata()).containsEntry("sha256", sha256);
		assertThat(head.contentLength()).isEqualTo(size);
		try (var files = Files.list(this.spoolDir)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void failedLargeWritesAbortTheirMultipartUploadsAndLeaveNoSpoolFile() throws IOException {
		String key = key("aborted");
		long size = 20L * 1024 * 1024;
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.store.put(key, new FailingStream(size)));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.store.put(key, new FailingStream(size), size + 1, Sha256.hex(new byte[0])));
		assertThatExceptionOfType(BlobMismatchException.class)
			.isThrownBy(() -> this.store.put(key, new SeededBytes(1, size), size, Sha256.hex(new byte[0])));
		assertThat(this.connection.client()
			.listMultipartUploads((request) -> request.bucket(BUCKET).prefix(PREFIX + "/" + key))
			.join()
			.uploads()).isEmpty();
		try (var files = Files.list(this.spoolDir)) {
			assertThat(files).isEmpty();
		}
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
		try (S3Connection denied = new S3Connection(settings(endpoint(), BUCKET, this.spoolDir), wrong)) {
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
		try (S3Connection connection = new S3Connection(settings(endpoint(), "no-such-bucket", this.spoolDir),
				credentials())) {
			Throwable put = catchThrowable(
					() -> new S3BlobStore(connection).put(key("x"), new ByteArrayInputStream(new byte[] { 1 })));
			assertThat(put).isInstanceOf(BlobStoreAccessException.class).hasMessageContaining("no-such-bucket");
		}
	}

	@Test
	void endpointThatIsDownIsATransientErrorNamingItInBoundedTime() throws IOException {
		try (Socket closed = closedPort();
				S3Connection connection = new S3Connection(settings(down(closed), BUCKET, this.spoolDir),
						credentials())) {
			URI down = down(closed);
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

	/**
	 * A port nothing listens on, held for as long as the socket is open: bound but not
	 * listening, so connecting to it is refused at once, and no other server of the test
	 * JVM can take it meanwhile (as it could a port merely found free).
	 */
	static Socket closedPort() throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		return socket;
	}

	static URI down(Socket closedPort) {
		return URI.create("http://127.0.0.1:" + closedPort.getLocalPort());
	}

}
