package dev.trainyard.checkpoint;

import java.nio.file.Path;

import dev.trainyard.store.FileSetManifest;

/**
 * A file-set checkpoint restored into {@code dir}: every file verified against its
 * manifest, and the manifest against the SHA-256 recorded in the checkpoint's row.
 */
public record RestoredCheckpoint(CheckpointRef ref, Path dir, FileSetManifest manifest) {
}
