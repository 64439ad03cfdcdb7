package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStoreAccessException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns what the SDK throws (after its own bounded retries) into what Trainyard's retries
 * understand: an {@link IOException} when trying again later may help (the endpoint
 * cannot be reached, times out, answers 5xx or throttles), a
 * {@link BlobStoreAccessException} when it cannot (wrong credentials, access denied, no
 * such bucket, a rejected request), a {@link BlobNotFoundException} for a missing object.
 * Every message names the endpoint and the bucket or object.
 */
final class S3Failures {

	private final String endpoint;

	S3Failures(String endpoint) {
		this.endpoint = endpoint;
	}

	String endpoint() {
		return this.endpoint;
	}

	/**
	 * The exception to throw for {@code failure}; throws the non-transient ones itself.
	 */
	IOException translate(Throwable failure, String bucket, String location) {
		Throwable cause = unwrap(failure);
		if (cause instanceof AwsServiceException service) {
			return translateService(service, bucket, location);
		}
		if (cause instanceof SdkClientException client) {
			String message = String.valueOf(client.getMessage());
			if (message.contains("credentials")) {
				throw new BlobStoreAccessException(
						"no AWS credentials for " + this.endpoint + " (bucket " + bucket + "): " + message, client);
			}
			return new IOException(this.endpoint + " (bucket " + bucket + ") could not be reached for " + location
					+ attempts(client) + ": " + message, client);
		}
		if (cause instanceof IOException io) {
			return io;
		}
		if (cause instanceof UncheckedIOException io) {
			return io.getCause();
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IOException(this.endpoint + " failed for " + location + ": " + cause, cause);
	}

	private IOException translateService(AwsServiceException ex, String bucket, String location) {
		int status = ex.statusCode();
		String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
		String what = status + ((code != null) ? " " + code : "");
		if (ex instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
			throw new BlobStoreAccessException(
					"bucket " + bucket + " does not exist at " + this.endpoint + " (" + what + ")", ex);
		}
		if (ex instanceof NoSuchKeyException || status == 404) {
			return new BlobNotFoundException(location);
		}
		if (status == 401 || status == 403) {
			throw new BlobStoreAccessException(this.endpoint + " denied access to " + location + " (" + what
					+ "): check the credentials (AWS default provider chain) and the bucket's policy", ex);
		}
		if (status >= 500 || status == 429 || ex.isThrottlingException()) {
			String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
			return new IOException(this.endpoint + " (bucket " + bucket + ") failed for " + location + attempts(ex)
					+ ": " + what + ((message != null && !message.isBlank()) ? " " + message : ""), ex);
		}
		throw new BlobStoreAccessException(
				this.endpoint + " rejected the request for " + location + " (" + what + "): " + ex.getMessage(), ex);
	}

	private static String attempts(SdkException ex) {
		Integer attempts = ex.numAttempts();
		return (attempts != null && attempts > 1) ? " after " + attempts + " attempts" : "";
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
