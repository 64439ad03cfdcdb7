package dev.trainyard.store;

/**
 * A set of files written to the store: the manifest's key, location, size and SHA-256
 * (what a checkpoint row or a model version records), and the manifest itself.
 */
public record StoredFileSet(String manifestKey, String location, long manifestSize, String sha256,
		FileSetManifest manifest) {
}
