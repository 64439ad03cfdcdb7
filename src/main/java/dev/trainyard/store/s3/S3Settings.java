package dev.trainyard.store.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The S3 store ({@code trainyard.store.s3.*}). Credentials come from the AWS default
 * provider chain (environment, system properties, profile files, container or instance
 * role).
 *
 * @param bucket the bucket; setting it selects the S3 store
 * @param prefix folder inside the bucket that every key is put under (no slashes at
 * either end needed)
 * @param region the bucket's region; without it, the AWS default region chain, or
 * {@code us-east-1} when an {@code endpoint} is set
 * @param endpoint another S3 API than AWS's (LocalStack, MinIO, S3Proxy)
 * @param pathStyleAccess {@code http://host/bucket/key} instead of
 * {@code http://bucket.host/key} (LocalStack, MinIO, S3Proxy)
 * @param partSize blobs up to this size are sent in one request; larger ones in multipart
 * uploads of parts this size (at least 5MB, S3's minimum)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long a connection may stay silent during a request
 * @param maxAttempts attempts of one request, with the SDK's backoff between them, before
 * a transient failure (an unreachable endpoint, a 5xx, throttling) is reported
 * @param spoolDir where a blob larger than a part is buffered while its SHA-256 is
 * computed, when the caller does not know it (the SHA-256 is stored with the object, so
 * it must be known before the upload starts); defaults to the JVM's temporary folder
 */
@Validated
@ConfigurationProperties("trainyard.store.s3")
public record S3Settings(@Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
		message = "must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)") String bucket,
		@DefaultValue("") String prefix, String region, URI endpoint, @DefaultValue("false") boolean pathStyleAccess,
		@NotNull @DefaultValue("8MB") DataSize partSize, @NotNull @DefaultValue("10s") Duration connectTimeout,
		@NotNull @DefaultValue("60s") Duration readTimeout, @Min(1) @DefaultValue("3") int maxAttempts, Path spoolDir) {

	static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);

	public S3Settings {
		prefix = (prefix != null) ? trimSlashes(prefix) : "";
		if (partSize != null && partSize.compareTo(MIN_PART_SIZE) < 0) {
			throw new IllegalArgumentException(
					"trainyard.store.s3.part-size must be at least 5MB (S3's minimum part size), got " + partSize);
		}
	}

	public boolean configured() {
		return StringUtils.hasText(this.bucket);
	}

	private static String trimSlashes(String value) {
		String trimmed = value.strip();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

}
