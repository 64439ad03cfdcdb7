package dev.trainyard.pipeline;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import dev.trainyard.pipeline.PipelineDefinition.Approval;
import dev.trainyard.pipeline.PipelineDefinition.CatchUp;
import dev.trainyard.pipeline.PipelineDefinition.FreshnessSpec;
import dev.trainyard.pipeline.PipelineDefinition.PromotionSpec;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import dev.trainyard.pipeline.PipelineDefinition.Schedule;

import org.springframework.scheduling.support.CronExpression;

/**
 * Reads the operational blocks of a pipeline file: {@code schedule}, {@code retry},
 * {@code promotion} and {@code freshness}.
 */
final class PolicyBinder {

	private static final List<String> SCHEDULE_KEYS = List.of("cron", "zone", "catch-up");

	private static final List<String> RETRY_KEYS = List.of("max-attempts", "backoff", "max-backoff",
			"max-run-restarts");

	private static final List<String> PROMOTION_KEYS = List.of("approval", "approval-timeout",
			"require-distinct-approver");

	private static final List<String> FRESHNESS_KEYS = List.of("max-age", "warn-age");

	private PolicyBinder() {
	}

	static Schedule schedule(YamlMap root) {
		YamlMap map = root.map("schedule", SCHEDULE_KEYS);
		if (map == null) {
			return null;
		}
		String cron = map.require("cron") ? map.string("cron") : null;
		if (cron != null) {
			try {
				CronExpression.parse(cron);
			}
			catch (IllegalArgumentException ex) {
				map.problem("cron", "invalid cron expression: " + ex.getMessage());
			}
		}
		String zone = map.string("zone");
		if (zone != null) {
			try {
				ZoneId.of(zone);
			}
			catch (DateTimeException ex) {
				map.problem("zone", "unknown time zone '" + zone + "': " + ex.getMessage());
			}
		}
		return new Schedule(cron, (zone != null) ? zone : "UTC", catchUp(map));
	}

	private static CatchUp catchUp(YamlMap map) {
		String text = map.string("catch-up");
		if (text == null || "latest".equals(text)) {
			return CatchUp.LATEST;
		}
		if ("none".equals(text)) {
			return CatchUp.NONE;
		}
		map.problem("catch-up", "must be latest or none, got '" + text + "'");
		return CatchUp.LATEST;
	}

	static RetrySpec retry(YamlMap root) {
		YamlMap map = root.map("retry", RETRY_KEYS);
		RetrySpec defaults = RetrySpec.DEFAULT;
		if (map == null) {
			return defaults;
		}
		Integer attempts = map.integer("max-attempts");
		if (attempts != null && attempts < 1) {
			map.problem("max-attempts", "must be at least 1");
		}
		Duration backoff = orElse(map.duration("backoff"), defaults.backoff());
		Duration maxBackoff = orElse(map.duration("max-backoff"), defaults.maxBackoff());
		if (maxBackoff.compareTo(backoff) < 0) {
			if (map.node("max-backoff") != null) {
				map.problem("max-backoff",
						"must be at least backoff (" + DurationField.text(map, "backoff", backoff) + ")");
			}
			else {
				map.problem("backoff", "must not exceed max-backoff (default "
						+ DurationField.format(defaults.maxBackoff()) + "); set retry.max-backoff");
			}
		}
		Integer restarts = map.integer("max-run-restarts");
		if (restarts != null && restarts < 0) {
			map.problem("max-run-restarts", "must be 0 or more");
		}
		return new RetrySpec(orElse(attempts, defaults.maxAttempts()), backoff, maxBackoff,
				orElse(restarts, defaults.maxRunRestarts()));
	}

	static PromotionSpec promotion(YamlMap root) {
		YamlMap map = root.map("promotion", PROMOTION_KEYS);
		PromotionSpec defaults = PromotionSpec.DEFAULT;
		if (map == null) {
			return defaults;
		}
		String text = map.string("approval");
		Approval approval = defaults.approval();
		if ("manual".equals(text)) {
			approval = Approval.MANUAL;
		}
		else if ("auto".equals(text)) {
			approval = Approval.AUTO;
		}
		else if (text != null) {
			map.problem("approval", "must be manual or auto, got '" + text + "'");
		}
		Duration timeout = orElse(map.duration("approval-timeout"), defaults.approvalTimeout());
		Boolean distinct = map.bool("require-distinct-approver");
		return new PromotionSpec(approval, timeout, (distinct != null) ? distinct : defaults.requireDistinctApprover());
	}

	static FreshnessSpec freshness(YamlMap root) {
		YamlMap map = root.map("freshness", FRESHNESS_KEYS);
		if (map == null) {
			return new FreshnessSpec(null, null);
		}
		Duration maxAge = map.duration("max-age");
		Duration warnAge = map.duration("warn-age");
		if (maxAge != null && warnAge != null && warnAge.compareTo(maxAge) >= 0) {
			map.problem("warn-age", "must be less than max-age (" + DurationField.text(map, "max-age", maxAge) + ")");
		}
		return new FreshnessSpec(maxAge, warnAge);
	}

	private static <T> T orElse(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
