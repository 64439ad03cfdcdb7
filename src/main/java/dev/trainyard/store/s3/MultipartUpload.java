package dev.trainyard.store.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import dev.trainyard.store.BlobStoreAccessException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * One multipart upload of a blob whose SHA-256 is known, which goes in the object's
 * metadata when the upload starts: the parts are read into a few part-sized buffers and
 * each is sent as soon as it is full, {@link S3Connection#PARTS_IN_FLIGHT} at most at a
 * time, so reading overlaps sending and the heap holds at most that many parts.
 * <p>
 * The object appears only when the upload completes, which it does only once every byte
 * was read and found to be what was expected. Any failure, of the blob's stream or of S3,
 * aborts the upload once no part is in flight any more, so nothing is left behind.
 */
final class MultipartUpload {

	/** S3's limit on the parts of one upload. */
	private static final int MAX_PARTS = 10_000;

	private final S3AsyncClient client;

	private final S3Failures failures;

	private final String bucket;

	private final String objectKey;

	private final String location;

	private final List<CompletableFuture<CompletedPart>> sent = new ArrayList<>();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	MultipartUpload(S3Connection connection, String bucket, String objectKey, String location) {
		this.client = connection.client();
		this.failures = connection.failures();
		this.bucket = bucket;
		this.objectKey = objectKey;
		this.location = location;
	}

	/**
	 * Sends what {@code parts} reads, in parts of {@code partSize} bytes, as the object
	 * with the SHA-256 {@code sha256}.
	 */
	void send(PartReader parts, String sha256, int partSize) throws IOException {
		String uploadId = create(sha256);
		try {
			sendParts(uploadId, parts, partSize);
			List<CompletedPart> completed = awaitParts();
			parts.check();
			complete(uploadId, completed);
		}
		catch (IOException | RuntimeException | Error ex) {
			abort(uploadId, ex);
			throw ex;
		}
	}

	private String create(String sha256) throws IOException {
		try {
			return this.client
				.createMultipartUpload((request) -> request.bucket(this.bucket)
					.key(this.objectKey)
					.metadata(Map.of(S3BlobStore.SHA256_METADATA, sha256)))
				.join()
				.uploadId();
		}
		catch (CompletionException | SdkException ex) {
			throw this.failures.translate(ex, this.bucket, this.location);
		}
	}

	private void sendParts(String uploadId, PartReader parts, int partSize) throws IOException {
		PartBuffers buffers = new PartBuffers(partSize, S3Connection.PARTS_IN_FLIGHT);
		int length;
		do {
			byte[] buffer = buffers.take();
			failFast();
			length = parts.fill(buffer);
			if (length > 0) {
				if (this.sent.size() == MAX_PARTS) {
					throw new BlobStoreAccessException(this.location + " is larger than S3's " + MAX_PARTS
							+ " parts of " + partSize + " bytes: raise trainyard.store.s3.part-size", null);
				}
				this.sent.add(sendPart(uploadId, this.sent.size() + 1, ByteBuffer.wrap(buffer, 0, length), buffers));
			}
		}
		while (length == partSize);
	}

	private CompletableFuture<CompletedPart> sendPart(String uploadId, int number, ByteBuffer part,
			PartBuffers buffers) {
		UploadPartRequest request = UploadPartRequest.builder()
			.bucket(this.bucket)
			.key(this.objectKey)
			.uploadId(uploadId)
			.partNumber(number)
			.contentLength((long) part.remaining())
			.build();
		return this.client.uploadPart(request, AsyncRequestBody.fromByteBufferUnsafe(part))
			.whenComplete((response, failure) -> {
				if (failure != null) {
					this.failure.compareAndSet(null, failure);
				}
				buffers.release(part.array());
			})
			.thenApply((response) -> CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
	}

	private void failFast() throws IOException {
		Throwable failed = this.failure.get();
		if (failed != null) {
			throw this.failures.translate(failed, this.bucket, this.location);
		}
	}

	private List<CompletedPart> awaitParts() throws IOException {
		try {
			return this.sent.stream().map(CompletableFuture::join).toList();
		}
		catch (CompletionException ex) {
			throw this.failures.translate(ex, this.bucket, this.location);
		}
	}

	private void complete(String uploadId, List<CompletedPart> parts) throws IOException {
		try {
			this.client
				.completeMultipartUpload((request) -> request.bucket(this.bucket)
					.key(this.objectKey)
					.uploadId(uploadId)
					.multipartUpload((upload) -> upload.parts(parts)))
				.join();
		}
		catch (CompletionException | SdkException ex) {
			throw this.failures.translate(ex, this.bucket, this.location);
		}
	}

	private void abort(String uploadId, Throwable cause) {
		CompletableFuture.allOf(this.sent.toArray(CompletableFuture[]::new)).handle((done, failed) -> null).join();
		try {
			this.client
				.abortMultipartUpload((request) -> request.bucket(this.bucket).key(this.objectKey).uploadId(uploadId))
				.join();
		}
		catch (CompletionException | SdkException ex) {
			cause.addSuppressed(ex);
		}
	}

}
