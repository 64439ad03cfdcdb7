package dev.trainyard.store.s3;

import java.io.IOException;

import dev.trainyard.failure.Failures;
import dev.trainyard.store.BlobStoreAccessException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the SDK's service errors read once translated: the status and S3's code and
 * message, nothing made up when S3 gave none.
 */
class S3FailuresTests {

	private final S3Failures failures = new S3Failures("http://s3.test");

	@Test
	void aServiceUnavailableWithoutAMessageIsTransientAndSaysTheStatusOnly() {
		S3Exception unavailable = (S3Exception) S3Exception.builder()
			.statusCode(503)
			.awsErrorDetails(AwsErrorDetails.builder().build())
			.build();

		IOException translated = this.failures.translate(unavailable, "models", "s3://models/a");

		assertThat(translated).hasMessage("http://s3.test (bucket models) failed for s3://models/a: 503");
		assertThat(Failures.isTransient(translated)).isTrue();
	}

	@Test
	void aThrottledRequestKeepsS3sCodeAndMessage() {
		S3Exception slowDown = (S3Exception) S3Exception.builder()
			.statusCode(503)
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode("SlowDown")
				.errorMessage("Please reduce your request rate.")
				.build())
			.build();

		assertThat(this.failures.translate(slowDown, "models", "s3://models/a")).hasMessage(
				"http://s3.test (bucket models) failed for s3://models/a: 503 SlowDown Please reduce your request rate.");
	}

	@Test
	void aServiceErrorWithoutDetailsIsStillTranslated() {
		S3Exception bare = (S3Exception) S3Exception.builder().statusCode(500).build();

		assertThat(this.failures.translate(bare, "models", "s3://models/a"))
			.hasMessage("http://s3.test (bucket models) failed for s3://models/a: 500");
	}

	@Test
	void aRejectedRequestIsNotRetried() {
		S3Exception rejected = (S3Exception) S3Exception.builder()
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidRequest").build())
			.message("Bad Request")
			.build();

		assertThatExceptionOfType(BlobStoreAccessException.class)
			.isThrownBy(() -> this.failures.translate(rejected, "models", "s3://models/a"))
			.withMessageContaining("rejected the request for s3://models/a (400 InvalidRequest)");
	}

}
