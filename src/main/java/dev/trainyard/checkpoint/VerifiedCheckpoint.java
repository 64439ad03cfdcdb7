package dev.trainyard.checkpoint;

/**
 * A checkpoint whose bytes were read back and matched its recorded size and SHA-256.
 */
public record VerifiedCheckpoint(CheckpointRef ref, byte[] bytes) {
}
