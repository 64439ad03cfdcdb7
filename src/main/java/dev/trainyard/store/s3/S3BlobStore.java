package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.trainyard.store.BlobCorruptException;
import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStore;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoreProperties;
import dev.trainyard.store.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A {@link BlobStore} in an S3 bucket, under {@code <prefix>/<key>}. Each object carries
 * the SHA-256 of its bytes as user metadata ({@code x-amz-meta-sha256}), and
 * {@link #open(String)} checks it while streaming.
 * <p>
 * A blob up to the part size is buffered and sent in one request, with its SHA-256 also
 * as S3's own checksum, so S3 rejects a body that arrives damaged. A larger one is
 * spooled to a temporary file while it is hashed (the metadata has to be known when the
 * upload starts) and then sent as a multipart upload by the SDK. Either way an object
 * appears under its key only once it is complete, the SDK aborts a multipart upload that
 * fails, and the heap holds at most a part or so per upload.
 */
public class S3BlobStore implements BlobStore {

	private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

	static final String SHA256_METADATA = "sha256";

	private static final int COPY_BUFFER = 256 * 1024;

	private final S3Connection connection;

	private final String bucket;

	private final String prefix;

	private final int partSize;

	private final Path spoolDir;

	public S3BlobStore(S3Connection connection) {
		StoreProperties.S3 settings = connection.settings();
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
		InputStream in = new DigestInputStream(content, digest);
		byte[] head = in.readNBytes(this.partSize);
		if (head.length < this.partSize) {
			String sha256 = Sha256.hex(digest);
			upload(this.connection.client(),
					request(objectKey, head.length, sha256).toBuilder()
						.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
						.build(),
					AsyncRequestBody.fromBytesUnsafe(head), key);
			return new StoredBlob(key, location(key), head.length, sha256);
		}
		Path spool = (this.spoolDir != null)
				? Files.createTempFile(Files.createDirectories(this.spoolDir), "trainyard-s3-", ".spool")
				: Files.createTempFile("trainyard-s3-", ".spool");
		try {
			long size = spool(head, in, spool);
			String sha256 = Sha256.hex(digest);
			upload(this.connection.multipartClient(), request(objectKey, size, sha256),
					AsyncRequestBody.fromFile(spool), key);
			return new StoredBlob(key, location(key), size, sha256);
		}
		finally {
			Files.deleteIfExists(spool);
		}
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

	private PutObjectRequest request(String objectKey, long size, String sha256) {
		return PutObjectRequest.builder()
			.bucket(this.bucket)
			.key(objectKey)
			.contentLength(size)
			.metadata(Map.of(SHA256_METADATA, sha256))
			.build();
	}

	private void upload(S3AsyncClient client, PutObjectRequest request, AsyncRequestBody body, String key)
			throws IOException {
		try {
			client.putObject(request, body).join();
		}
		catch (CompletionException | SdkException ex) {
			throw this.connection.failures().translate(ex, this.bucket, location(key));
		}
	}

	private long spool(byte[] head, InputStream in, Path spool) throws IOException {
		long size = head.length;
		try (OutputStream out = Files.newOutputStream(spool)) {
			out.write(head);
			byte[] buffer = new byte[COPY_BUFFER];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				size += n;
			}
		}
		return size;
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
