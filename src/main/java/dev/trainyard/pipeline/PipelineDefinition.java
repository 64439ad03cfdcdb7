package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.scheduling.support.CronExpression;

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

		/**
		 * The first tick strictly after {@code time}, or {@code null} when there is none.
		 */
		public Instant next(Instant time) {
			ZonedDateTime next = CronExpression.parse(this.cron).next(time.atZone(ZoneId.of(this.zone)));
			return (next != null) ? next.toInstant() : null;
		}

		/**
		 * Whether {@code other} ticks at the same times (a change of catch-up alone does
		 * not change when it ticks).
		 */
		public boolean ticksLike(Schedule other) {
			return other != null && this.cron.equals(other.cron) && this.zone.equals(other.zone);
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

	/**
	 * How a run trains: {@code type} {@code xgboost} (the built-in trainer: objective,
	 * rounds, params passed to XGBoost unchanged, checkpoint-every) or {@code command} (a
	 * process of any framework, CONTRACT §7: {@code command} holds its settings and the
	 * XGBoost fields are {@code null}, 0 or empty).
	 *
	 * @param timeout the longest training may take, or {@code null} for no limit
	 * @param command the command trainer's settings, {@code null} for {@code xgboost}
	 */
	public record TrainerSpec(String type, Objective objective, int rounds, Map<String, Object> params,
			int checkpointEvery, Duration timeout, CommandSpec command) {

		public static final String XGBOOST = "xgboost";

		public static final String COMMAND = "command";

		/** An XGBoost trainer without a timeout. */
		public TrainerSpec(String type, Objective objective, int rounds, Map<String, Object> params,
				int checkpointEvery) {
			this(type, objective, rounds, params, checkpointEvery, null, null);
		}

		/** A command trainer. */
		public static TrainerSpec command(CommandSpec command, Duration timeout) {
			return new TrainerSpec(COMMAND, null, 0, Map.of(), 0, timeout, command);
		}

		public boolean isCommand() {
			return this.command != null;
		}

		/**
		 * What the trainer reports, in a stable order: the objective's metrics for
		 * XGBoost, the declared ones for a command trainer.
		 */
		public List<ValidationMetric> metrics() {
			if (this.command != null) {
				return List.copyOf(this.command.metrics());
			}
			return (this.objective != null) ? List.copyOf(this.objective.metrics()) : List.of();
		}

	}

	/**
	 * A command trainer (CONTRACT §7).
	 *
	 * @param argv the program and its arguments, run without a shell in the jobs dir
	 * @param env added to the process's environment
	 * @param metrics what the trainer writes to its metrics file, with their goals
	 * @param stopGrace how long after {@code SIGTERM} the process tree gets
	 * {@code SIGKILL}
	 * @param evaluate the argv that evaluates a model directory on this run's validation
	 * rows, or empty when the pipeline has none
	 */
	public record CommandSpec(List<String> argv, Map<String, String> env, List<DeclaredMetric> metrics,
			Duration stopGrace, List<String> evaluate) {

		public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

		public CommandSpec {
			argv = List.copyOf(argv);
			env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
			metrics = List.copyOf(metrics);
			evaluate = List.copyOf(evaluate);
		}

		public boolean hasEvaluate() {
			return !this.evaluate.isEmpty();
		}

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
	public record GateSpec(ValidationMetric metric, Double min, Double max, Double maxRegression) {
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
