package dev.trainyard.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.registry.ChampionChange;
import dev.trainyard.registry.ModelRegistry;

import org.springframework.stereotype.Component;

/**
 * How long a pipeline's champions were within {@code max-age} over a window, from the
 * champion history and the versions' registration times.
 */
@Component
class FreshnessHistory {

	private final ModelRegistry registry;

	FreshnessHistory(ModelRegistry registry) {
		this.registry = registry;
	}

	/**
	 * @return {good seconds, measured seconds} between {@code from} (or the first
	 * champion, if later) and {@code to}
	 */
	double[] secondsWithinMaxAge(String pipeline, Duration maxAge, Instant from, Instant to) {
		List<ChampionChange> changes = this.registry.history(pipeline);
		if (changes.isEmpty()) {
			return new double[] { 0, 0 };
		}
		Instant start = later(from, changes.get(0).changedAt());
		Map<Integer, Instant> registered = new HashMap<>();
		long goodMillis = 0;
		for (int i = 0; i < changes.size(); i++) {
			Instant segmentStart = later(changes.get(i).changedAt(), start);
			Instant segmentEnd = (i + 1 < changes.size()) ? earlier(changes.get(i + 1).changedAt(), to) : to;
			if (!segmentEnd.isAfter(segmentStart)) {
				continue;
			}
			Instant trainedAt = registered.computeIfAbsent(changes.get(i).toVersion(),
					(version) -> this.registry.find(pipeline, version).orElseThrow().createdAt());
			Instant staleFrom = earlier(trainedAt.plus(maxAge), segmentEnd);
			if (staleFrom.isAfter(segmentStart)) {
				goodMillis += Duration.between(segmentStart, staleFrom).toMillis();
			}
		}
		long measuredMillis = to.isAfter(start) ? Duration.between(start, to).toMillis() : 0;
		return new double[] { goodMillis / 1000.0, measuredMillis / 1000.0 };
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
