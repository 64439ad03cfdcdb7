package dev.trainyard.run;

import java.time.Instant;
import java.util.List;

/**
 * A run's candidate failed one or more validation gates.
 *
 * @param failedGates the failed gates in words ({@code "auc 0.81 < min 0.90"})
 * @param againstChampion whether a gate that compares with the current champion failed
 * (the candidate is worse than the model in production)
 */
public record GateFailed(String pipeline, String runId, List<String> failedGates, boolean againstChampion, Instant at) {
}
