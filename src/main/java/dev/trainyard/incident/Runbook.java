package dev.trainyard.incident;

import java.util.List;

/**
 * What on-call does about an incident of one type.
 */
public record Runbook(List<String> signals, List<String> typicalCauses, List<String> immediateActions,
		List<String> investigationSteps, List<String> escalationPath) {
}
