package dev.trainyard.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where blobs go when no S3 bucket is set ({@code trainyard.store.s3.bucket}): local
 * files under {@code root} (defaults to {@code <data-dir>/store}).
 */
@Validated
@ConfigurationProperties("trainyard.store")
record StoreProperties(Path root) {
}
