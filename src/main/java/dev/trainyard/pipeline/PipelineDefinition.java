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
		RetrySpec retry, List<GateSpec> gates, PromotionSpec promotion, FreshnessSpec freshness, SloSpec slo,
		Path source, String text) {

	public PipelineDefinition {
		slo = (slo != null) ? slo : SloSpec.DEFAULT;
	}

	/** A definition with the default error-budget objectives. */
	public PipelineDefinition(String name, Schedule schedule, DatasetSpec dataset, TrainerSpec trainer, RetrySpec retry,
			List<GateSpec> gates, PromotionSpec promotion, FreshnessSpec freshness, Path source, String text) {
		this(name, schedule, dataset, trainer, retry, gates, promotion, freshness, SloSpec.DEFAULT, source, text);
	}

	/**
	 * The folder relative dataset paths are resolved against.
	 */
	public Path baseDir() {
		Path parent = this.source.toAbsolutePath().getParent();
		return (parent != null) ? parent : Path.of(".").toAbsolutePath();
	}

	/** Optional cron schedule; {@code zone} defaults to UTC. */
	public record Schedule(String cron, String zone) {
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

	/** Bounded retries with exponential backoff. */
	public record RetrySpec(int maxAttempts, Duration backoff, Duration maxBackoff) {

		public static final RetrySpec DEFAULT = new RetrySpec(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

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

	/**
	 * The error-budget objectives ({@code slo} block): run success and freshness, each a
	 * target share over a rolling window.
	 */
	public record SloSpec(SloObjective runSuccess, SloObjective freshness) {

		public static final SloSpec DEFAULT = new SloSpec(new SloObjective(0.95, Duration.ofDays(30)),
				new SloObjective(0.99, Duration.ofDays(30)));

	}

	/** A target share in (0, 1) of good runs or good time over a rolling window. */
	public record SloObjective(double target, Duration window) {
	}

}
