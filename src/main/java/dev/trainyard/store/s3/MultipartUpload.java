package dev.trainyard.store.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import dev.trainyard.store.BlobStoreAccessException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * A blob larger than a part, streamed to S3 as a multipart upload while it is read: each
 * part is sent as soon as it is full, {@link S3Connection#PARTS_IN_FLIGHT} at most at a
 * time, with its SHA-256, so S3 rejects a part that arrives damaged and keeps the
 * composite SHA-256 of the parts with the object. The part size goes in the object's
 * metadata, so that a reader can recompute the composite.
 * <p>
 * The object appears only when the upload completes. Any failure, of the blob's stream or
 * of S3, aborts the upload once no part is in flight any more, so nothing is left behind.
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
	 * Sends {@code firstPart} (full: its length is the part size) and the rest of what
	 * {@code reader} reads.
	 */
	void send(byte[] firstPart, HashingReader reader) throws IOException {
		String uploadId = create(firstPart.length);
		String composite;
		String recorded;
		try {
			composite = sendParts(uploadId, firstPart, reader);
			recorded = complete(uploadId, awaitParts());
		}
		catch (IOException | RuntimeException | Error ex) {
			abort(uploadId, ex);
			throw ex;
		}
		if (!composite.equals(recorded)) {
			deleteObject();
			throw notRecorded(composite, recorded);
		}
	}

	/**
	 * The exception to throw when S3 did not record the composite SHA-256 of the parts
	 * sent; throws the one that trying again cannot help itself.
	 */
	private IOException notRecorded(String composite, String recorded) {
		if (recorded == null) {
			throw new BlobStoreAccessException(this.failures.endpoint() + " keeps no SHA-256 checksum of the parts of "
					+ this.location + ", so it could not be checked when read: it needs an S3 API with "
					+ "additional checksums (x-amz-checksum-sha256)", null);
		}
		return new IOException(this.location + " was stored with the composite SHA-256 " + recorded
				+ ", but the parts sent have " + composite);
	}

	private String create(int partSize) throws IOException {
		try {
			return this.client
				.createMultipartUpload((request) -> request.bucket(this.bucket)
					.key(this.objectKey)
					.metadata(Map.of(RecordedSha256.PART_SIZE_METADATA, Integer.toString(partSize)))
					.checksumAlgorithm(ChecksumAlgorithm.SHA256)
					.checksumType(ChecksumType.COMPOSITE))
				.join()
				.uploadId();
		}
		catch (CompletionException | SdkException ex) {
			throw this.failures.translate(ex, this.bucket, this.location);
		}
	}

	/**
	 * @return the composite SHA-256 of the parts sent
	 */
	private String sendParts(String uploadId, byte[] firstPart, HashingReader reader) throws IOException {
		PartBuffers buffers = new PartBuffers(firstPart, S3Connection.PARTS_IN_FLIGHT);
		CompositeSha256 composite = new CompositeSha256();
		byte[] buffer = firstPart;
		int length = firstPart.length;
		while (length > 0) {
			if (composite.parts() == MAX_PARTS) {
				throw new BlobStoreAccessException(this.location + " is larger than S3's " + MAX_PARTS + " parts of "
						+ firstPart.length + " bytes: raise trainyard.store.s3.part-size", null);
			}
			byte[] digest = reader.partDigest();
			composite.add(digest);
			this.sent.add(sendPart(uploadId, composite.parts(), ByteBuffer.wrap(buffer, 0, length), digest, buffers));
			if (length < firstPart.length) {
				break;
			}
			buffer = buffers.take();
			failFast();
			length = reader.fill(buffer);
		}
		return composite.value();
	}

	private CompletableFuture<CompletedPart> sendPart(String uploadId, int number, ByteBuffer part, byte[] digest,
			PartBuffers buffers) {
		String checksum = Base64.getEncoder().encodeToString(digest);
		UploadPartRequest request = UploadPartRequest.builder()
			.bucket(this.bucket)
			.key(this.objectKey)
			.uploadId(uploadId)
			.partNumber(number)
			.contentLength((long) part.remaining())
			.checksumSHA256(checksum)
			.build();
		return this.client.uploadPart(request, AsyncRequestBody.fromByteBufferUnsafe(part))
			.whenComplete((response, failure) -> {
				if (failure != null) {
					this.failure.compareAndSet(null, failure);
				}
				buffers.release(part.array());
			})
			.thenApply((response) -> CompletedPart.builder()
				.partNumber(number)
				.eTag(response.eTag())
				.checksumSHA256(checksum)
				.build());
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

	/**
	 * @return the composite SHA-256 S3 recorded
	 */
	private String complete(String uploadId, List<CompletedPart> parts) throws IOException {
		try {
			return this.client
				.completeMultipartUpload((request) -> request.bucket(this.bucket)
					.key(this.objectKey)
					.uploadId(uploadId)
					.multipartUpload((upload) -> upload.parts(parts)))
				.join()
				.checksumSHA256();
		}
		catch (CompletionException | SdkException ex) {
			throw this.failures.translate(ex, this.bucket, this.location);
		}
	}

	private void deleteObject() {
		try {
			this.client.deleteObject((request) -> request.bucket(this.bucket).key(this.objectKey)).join();
		}
		catch (CompletionException | SdkException ex) {
			// the read of what is left fails: it has no SHA-256 to be checked against
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
