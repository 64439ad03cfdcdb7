package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.trainyard.store.BlobCorruptException;
import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStore;
import dev.trainyard.store.StoreProperties;
import dev.trainyard.store.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A {@link BlobStore} in an S3 bucket, under {@code <prefix>/<key>}. Each object carries
 * a SHA-256 of its bytes, and {@link #open(String)} checks it while streaming.
 * <p>
 * A blob up to the part size is hashed in memory and sent in one request, its SHA-256 as
 * user metadata ({@code x-amz-meta-sha256}) and as S3's own checksum, so S3 rejects a
 * body that arrives damaged. A larger one is streamed as a {@link MultipartUpload} while
 * it is read and hashed: S3 takes metadata only when an upload starts, before the whole
 * blob's SHA-256 is known, so such an object carries S3's composite SHA-256 of its parts
 * instead (each part checked by S3 on arrival), and its part size in metadata. Either way
 * an object appears under its key only once it is complete, a failed upload leaves
 * nothing, and the heap holds at most a few parts per upload.
 */
public class S3BlobStore implements BlobStore {

	private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

	private final S3Connection connection;

	private final String bucket;

	private final String prefix;

	private final int partSize;

	private final RecordedSha256 recorded;

	public S3BlobStore(S3Connection connection) {
		StoreProperties.S3 settings = connection.settings();
		if (!settings.configured()) {
			throw new IllegalArgumentException("an S3 store needs trainyard.store.s3.bucket");
		}
		this.connection = connection;
		this.bucket = settings.bucket();
		this.prefix = settings.prefix();
		this.partSize = (int) Math.min(settings.partSize().toBytes(), Integer.MAX_VALUE - 8);
		this.recorded = new RecordedSha256(connection, this.bucket);
		log.info("Checkpoints and model artifacts go to s3://{}/{} at {}", this.bucket, this.prefix,
				connection.endpoint());
	}

	@Override
	public StoredBlob put(String key, InputStream content) throws IOException {
		String objectKey = objectKey(key);
		HashingReader reader = new HashingReader(content);
		byte[] head = reader.readFirst(this.partSize);
		if (head.length < this.partSize) {
			putSmall(objectKey, head, reader, key);
		}
		else {
			new MultipartUpload(this.connection, this.bucket, objectKey, location(key)).send(head, reader);
		}
		return new StoredBlob(key, location(key), reader.size(), reader.sha256());
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The stream throws a {@link BlobCorruptException} naming the object when it reaches
	 * the end and the bytes do not have the SHA-256 stored with them.
	 */
	@Override
	public InputStream open(String key) throws IOException {
		String location = location(key);
		String objectKey = objectKey(key);
		ResponseInputStream<GetObjectResponse> response = this.connection.get(this.bucket, objectKey, location);
		ObjectCheck check;
		try {
			check = this.recorded.checkFor(objectKey, response.response(), location);
		}
		catch (IOException | RuntimeException ex) {
			response.abort();
			response.close();
			throw ex;
		}
		return new S3ObjectStream(response, location, check, this.connection.failures(), this.bucket);
	}

	@Override
	public boolean exists(String key) throws IOException {
		String objectKey = objectKey(key);
		try {
			this.connection.client().headObject((request) -> request.bucket(this.bucket).key(objectKey)).join();
			return true;
		}
		catch (CompletionException | SdkException ex) {
			IOException failure = this.connection.failures().translate(ex, this.bucket, location(key));
			if (failure instanceof BlobNotFoundException) {
				return false;
			}
			throw failure;
		}
	}

	@Override
	public void delete(String key) throws IOException {
		String objectKey = objectKey(key);
		try {
			this.connection.client().deleteObject((request) -> request.bucket(this.bucket).key(objectKey)).join();
		}
		catch (CompletionException | SdkException ex) {
			IOException failure = this.connection.failures().translate(ex, this.bucket, location(key));
			if (!(failure instanceof BlobNotFoundException)) {
				throw failure;
			}
		}
	}

	@Override
	public String location(String key) {
		return "s3://" + this.bucket + "/" + objectKey(key);
	}

	private void putSmall(String objectKey, byte[] bytes, HashingReader reader, String key) throws IOException {
		byte[] digest = reader.partDigest();
		try {
			this.connection.client()
				.putObject(
						(request) -> request.bucket(this.bucket)
							.key(objectKey)
							.contentLength((long) bytes.length)
							.metadata(Map.of(RecordedSha256.SHA256_METADATA, HexFormat.of().formatHex(digest)))
							.checksumSHA256(Base64.getEncoder().encodeToString(digest)),
						AsyncRequestBody.fromBytesUnsafe(bytes))
				.join();
		}
		catch (CompletionException | SdkException ex) {
			throw this.connection.failures().translate(ex, this.bucket, location(key));
		}
	}

	private String objectKey(String key) {
		boolean relative = key != null && !key.isBlank();
		for (String segment : (relative ? key.split("/", -1) : new String[0])) {
			relative &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
		}
		if (!relative) {
			throw new IllegalArgumentException("blob key '" + key + "' is not a relative path inside the store at s3://"
					+ this.bucket + "/" + this.prefix);
		}
		return this.prefix.isEmpty() ? key : this.prefix + "/" + key;
	}

}
