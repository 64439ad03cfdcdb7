package dev.trainyard.registry;

/**
 * Publishing a new champion failed after its retries; the champion, its history and the
 * serving pointer still name the previous champion.
 */
public record PromotionFailed(String pipeline, int version, String runId, String reason) {
}
