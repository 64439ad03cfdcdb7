package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One pipeline file, validated. {@code source} is the file it was read from and
 * {@code text} its exact content (runs keep it so a restart trains with the same
 * definition even if the file changed since).
 */
public record PipelineDefinition(String name, Schedule schedule, DatasetSpec dataset, TrainerSpec trainer,
		RetrySpec retry, List<GateSpec> gates, PromotionSpec promotion, FreshnessSpec freshness, Path source,
		String text) {

	/**
	 * The folder relative dataset paths are resolved against.
	 */
	public Path baseDir() {
		Path parent = this.source.toAbsolutePath().getParent();
		return (parent != null) ? parent : Path.of(".").toAbsolutePath();
	}

	/**
	 * Optional cron schedule; {@code zone} defaults to UTC.
	 *
	 * @param catchUp what to do at a server's start about a tick missed while no server
	 * ran
	 */
	public record Schedule(String cron, String zone, CatchUp catchUp) {

		public Schedule(String cron, String zone) {
			this(cron, zone, CatchUp.LATEST);
		}

	}

	/** A tick missed while no server ran: launched once at start, or skipped. */
	public enum CatchUp {

		/** The latest tick missed is launched once when a server starts. */
		LATEST,
		/** Missed ticks are skipped. */
		NONE

	}

	/**
	 * Where the data is: a CSV path (relative to the jobs dir, absolute, or
	 * {@code s3://bucket/key}) or a {@code synthetic:} source.
	 */
	public record DatasetSpec(String path, String label, double validationFraction, long seed) {
	}

	/** XGBoost settings; {@code params} go to XGBoost unchanged. */
	public record TrainerSpec(String type, Objective objective, int rounds, Map<String, Object> params,
			int checkpointEvery) {
	}

	/**
	 * Bounded retries with exponential backoff: up to {@code maxAttempts} attempts of an
	 * action inside a step, and up to {@code maxRunRestarts} restarts of a run that still
	 * failed transiently (from its last checkpoint, with the same backoff).
	 */
	public record RetrySpec(int maxAttempts, Duration backoff, Duration maxBackoff, int maxRunRestarts) {

		public static final int DEFAULT_MAX_RUN_RESTARTS = 2;

		public static final RetrySpec DEFAULT = new RetrySpec(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

		public RetrySpec(int maxAttempts, Duration backoff, Duration maxBackoff) {
			this(maxAttempts, backoff, maxBackoff, DEFAULT_MAX_RUN_RESTARTS);
		}

	}

	/**
	 * A validation gate: an absolute bound ({@code min} or {@code max}) and/or the most
	 * the candidate may be worse than the champion ({@code maxRegression}). Unset bounds
	 * are {@code null}; at least one is set.
	 */
	public record GateSpec(Metric metric, Double min, Double max, Double maxRegression) {
	}

	/**
	 * Whether a passing candidate needs approval; how long a request stays open; whether
	 * the user who launched a run may approve its candidate (four-eyes rule when
	 * {@code true}).
	 */
	public record PromotionSpec(Approval approval, Duration approvalTimeout, boolean requireDistinctApprover) {

		public static final PromotionSpec DEFAULT = new PromotionSpec(Approval.MANUAL, Duration.ofDays(7), false);

		public PromotionSpec(Approval approval, Duration approvalTimeout) {
			this(approval, approvalTimeout, false);
		}

	}

	/** manual (REST approval) or auto. */
	public enum Approval {

		MANUAL, AUTO

	}

	/** Model-age SLO; either may be {@code null} when the file has no freshness block. */
	public record FreshnessSpec(Duration maxAge, Duration warnAge) {
	}

}
