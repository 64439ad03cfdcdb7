package dev.trainyard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.InvalidDatasetException;
import dev.trainyard.dataset.LocalFileDatasetSource;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.dataset.S3DatasetSource;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.store.s3.S3Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code s3://bucket/key} datasets, read through the store's S3 connection from S3Proxy.
 */
class S3DatasetSourceTests {

	static final Path DATA = Path.of("jobs", "data");

	@RegisterExtension
	static final InJvmS3 s3 = new InJvmS3("datasets");

	static S3Connection connection;

	static byte[] iris;

	@BeforeAll
	static void uploadIris() throws Exception {
		connection = s3.server().connect("trainyard-store", "");
		iris = Files.readAllBytes(DATA.resolve("iris.csv"));
		connection.client()
			.putObject((request) -> request.bucket("datasets").key("demo/iris.csv"), AsyncRequestBody.fromBytes(iris))
			.join();
	}

	@AfterAll
	static void stop() {
		connection.close();
	}

	@Test
	void readsACsvInS3JustAsTheSameLocalFile() {
		Datasets datasets = datasets(connection);
		PreparedData fromS3 = datasets.prepare(spec("s3://datasets/demo/iris.csv"), Objective.MULTI_SOFTPROB, DATA);
		PreparedData fromFile = datasets.prepare(spec("iris.csv"), Objective.MULTI_SOFTPROB, DATA);
		assertThat(fromS3.fingerprint()).isEqualTo(Sha256.hex(iris)).isEqualTo(fromFile.fingerprint());
		assertThat(fromS3.rows()).isEqualTo(fromFile.rows()).isEqualTo(150);
		assertThat(fromS3.numClasses()).isEqualTo(3);
		assertThat(fromS3.train().features()).isEqualTo(fromFile.train().features());
		assertThat(fromS3.validation().labels()).isEqualTo(fromFile.validation().labels());
	}

	@Test
	void missingObjectIsAnInvalidDatasetNamingIt() {
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> datasets(connection).prepare(spec("s3://datasets/demo/missing.csv"),
					Objective.MULTI_SOFTPROB, DATA))
			.withMessageContaining("s3://datasets/demo/missing.csv");
	}

	@Test
	void deniedAccessFailsWithAnErrorThatIsNotRetried() {
		try (S3Connection denied = new S3Connection(s3.server().settings("trainyard-store", ""),
				StaticCredentialsProvider.create(AwsBasicCredentials.create("nobody", "wrong")))) {
			assertThatExceptionOfType(BlobStoreAccessException.class).isThrownBy(
					() -> datasets(denied).prepare(spec("s3://datasets/demo/iris.csv"), Objective.MULTI_SOFTPROB, DATA))
				.withMessageContaining("s3://datasets/demo/iris.csv")
				.withMessageContaining("denied access");
		}
	}

	@Test
	void unreachableEndpointIsATransientError() throws IOException {
		try (Socket closed = S3BlobStoreContractTests.closedPort();
				S3Connection down = new S3Connection(
						S3ProxyServer.settings(S3BlobStoreContractTests.down(closed), "trainyard-store", ""),
						S3ProxyServer.credentials())) {
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(
					() -> datasets(down).prepare(spec("s3://datasets/demo/iris.csv"), Objective.MULTI_SOFTPROB, DATA))
				.withMessageContaining("s3://datasets/demo/iris.csv")
				.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOfAny(ConnectException.class,
						java.util.concurrent.TimeoutException.class));
		}
	}

	/**
	 * Refused, or (on a loaded machine) timed out by the SDK first: transient either way.
	 */
	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static Datasets datasets(S3Connection connection) {
		return new Datasets(List.of(new LocalFileDatasetSource(), new S3DatasetSource(connection)));
	}

	private static DatasetSpec spec(String path) {
		return new DatasetSpec(path, "species", 0.3, 7);
	}

}
