package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trainyard.store.S3Objects;

import org.springframework.stereotype.Component;

/**
 * Datasets in S3, {@code s3://bucket/key}, streamed through the store's S3 connection
 * ({@code trainyard.store.s3.region}, {@code .endpoint}, {@code .path-style-access} and
 * the AWS default credentials apply; the bucket need not be the store's). A missing
 * object is a {@link java.io.FileNotFoundException}; an unreachable endpoint an
 * {@link IOException}; denied access a
 * {@link dev.trainyard.store.BlobStoreAccessException}.
 */
@Component
public class S3DatasetSource implements DatasetSource {

	private static final Pattern S3_URI = Pattern.compile("s3://([^/]+)/(.+)", Pattern.DOTALL);

	private final S3Objects objects;

	public S3DatasetSource(S3Objects objects) {
		this.objects = objects;
	}

	@Override
	public boolean supports(String path) {
		return path.startsWith("s3://");
	}

	@Override
	public InputStream open(String path, Path baseDir) throws IOException {
		Matcher uri = S3_URI.matcher(path);
		if (!uri.matches()) {
			throw new InvalidDatasetException(path, null, "must look like s3://bucket/key");
		}
		return this.objects.open(uri.group(1), uri.group(2));
	}

}
