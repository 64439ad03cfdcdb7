package dev.trainyard.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where blobs go. {@code root} defaults to {@code <data-dir>/store}.
 */
@Validated
@ConfigurationProperties("trainyard.store")
public record StoreProperties(Path root) {
}
