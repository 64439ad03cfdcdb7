package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.trainyard.store.BlobCorruptException;
import dev.trainyard.store.BlobMismatchException;
import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStore;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A {@link BlobStore} in an S3 bucket, under {@code <prefix>/<key>}. Each object carries
 * the SHA-256 of its bytes as user metadata ({@code x-amz-meta-sha256}), and
 * {@link #open(String)} checks it while streaming.
 * <p>
 * A blob up to the part size is hashed in memory and sent in one request, its SHA-256
 * also as S3's own checksum, so S3 rejects a body that arrives damaged. A larger one is a
 * {@link MultipartUpload}, which needs the SHA-256 when it starts: a caller that knows it
 * streams the blob straight to S3 (checked on the way, completed only if it matches);
 * otherwise the blob is first written to a {@link SpoolFile} while it is hashed. Either
 * way an object appears under its key only once it is complete, a failed upload leaves
 * nothing, and the heap holds at most a few parts per upload.
 */
public class S3BlobStore implements BlobStore {

	private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

	static final String SHA256_METADATA = "sha256";

	private final S3Connection connection;

	private final String bucket;

	private final String prefix;

	private final int partSize;

	private final Path spoolDir;

	public S3BlobStore(S3Connection connection) {
		S3Settings settings = connection.settings();
		if (!settings.configured()) {
			throw new IllegalArgumentException("an S3 store needs trainyard.store.s3.bucket");
		}
		this.connection = connection;
		this.bucket = settings.bucket();
		this.prefix = settings.prefix();
		this.partSize = (int) Math.min(settings.partSize().toBytes(), Integer.MAX_VALUE - 8);
		this.spoolDir = settings.spoolDir();
		log.info("Checkpoints and model artifacts go to s3://{}/{} at {}", this.bucket, this.prefix,
				connection.endpoint());
	}

	@Override
	public StoredBlob put(String key, InputStream content) throws IOException {
		String objectKey = objectKey(key);
		MessageDigest digest = Sha256.newDigest();
		byte[] head = content.readNBytes(this.partSize);
		digest.update(head);
		if (head.length < this.partSize) {
			return putSmall(key, objectKey, head, Sha256.hex(digest));
		}
		try (SpoolFile spool = SpoolFile.write(this.spoolDir, head, content, digest);
				InputStream spooled = spool.open()) {
			upload(key, objectKey).send(PartReader.of(spooled), spool.sha256(), this.partSize);
			return new StoredBlob(key, location(key), spool.size(), spool.sha256());
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A blob larger than a part is streamed straight to S3, with no spool file.
	 */
	@Override
	public StoredBlob put(String key, InputStream content, long size, String sha256) throws IOException {
		String objectKey = objectKey(key);
		StoredBlob expected = new StoredBlob(key, location(key), size, sha256);
		if (size >= this.partSize) {
			upload(key, objectKey).send(PartReader.checking(content, expected), sha256, this.partSize);
			return expected;
		}
		byte[] bytes = content.readNBytes(this.partSize);
		BlobMismatchException.requireMatch(expected, bytes.length, Sha256.hex(bytes));
		return putSmall(key, objectKey, bytes, sha256);
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
		ResponseInputStream<GetObjectResponse> response = this.connection.get(this.bucket, objectKey(key), location);
		String sha256 = response.response().metadata().get(SHA256_METADATA);
		if (sha256 == null) {
			response.abort();
			response.close();
			throw new BlobCorruptException(location
					+ " has no SHA-256 recorded with it (metadata x-amz-meta-sha256): it was not written by this store");
		}
		return new S3ObjectStream(response, location, sha256, this.connection.failures(), this.bucket);
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

	private StoredBlob putSmall(String key, String objectKey, byte[] bytes, String sha256) throws IOException {
		try {
			this.connection.client()
				.putObject(
						(request) -> request.bucket(this.bucket)
							.key(objectKey)
							.contentLength((long) bytes.length)
							.metadata(Map.of(SHA256_METADATA, sha256))
							.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))),
						AsyncRequestBody.fromBytesUnsafe(bytes))
				.join();
		}
		catch (CompletionException | SdkException ex) {
			throw this.connection.failures().translate(ex, this.bucket, location(key));
		}
		return new StoredBlob(key, location(key), bytes.length, sha256);
	}

	private MultipartUpload upload(String key, String objectKey) {
		return new MultipartUpload(this.connection, this.bucket, objectKey, location(key));
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
