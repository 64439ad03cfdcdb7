package dev.trainyard.store;

/**
 * What a {@link BlobStore} wrote: where, how many bytes and their SHA-256 (hex).
 */
public record StoredBlob(String key, String location, long size, String sha256) {
}
