package dev.trainyard.training;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;

/**
 * How a run trains: the exact XGBoost parameters and the segments of
 * {@code checkpointEvery} rounds. Every segment is a pure function of the previous
 * checkpoint's bytes, the data, the parameters and the segment's index, which is what
 * makes a resumed run byte-identical to an uninterrupted one.
 */
public record TrainingPlan(Map<String, Object> params, int rounds, int checkpointEvery, long seed) {

	/**
	 * @param numClasses classes for multiclass objectives (ignored otherwise)
	 * @param threads {@code nthread} when the pipeline's params do not set it
	 */
	public static TrainingPlan of(TrainerSpec trainer, long seed, int numClasses, int threads) {
		if (trainer.isCommand()) {
			throw new IllegalArgumentException("a command trainer has no XGBoost training plan");
		}
		Map<String, Object> params = new TreeMap<>(trainer.params());
		params.put("objective", trainer.objective().xgboostName());
		params.putIfAbsent("nthread", threads);
		if (trainer.objective() == Objective.MULTI_SOFTPROB) {
			params.putIfAbsent("num_class", numClasses);
		}
		params.remove("seed");
		return new TrainingPlan(Map.copyOf(params), trainer.rounds(), trainer.checkpointEvery(), seed);
	}

	/**
	 * The tree updaters XGBoost uses for this plan, when a booster may continue in memory
	 * between segments ({@link TrainingSession}); {@code null} when every segment must
	 * start from the previous checkpoint's bytes (another booster than gbtree, an
	 * explicit updater or process type, or a tree method other than hist, approx and
	 * exact).
	 */
	public String updaterSequence() {
		if (!"gbtree".equals(String.valueOf(this.params.getOrDefault("booster", "gbtree")))
				|| this.params.containsKey("updater") || this.params.containsKey("process_type")
				|| !"cpu".equals(String.valueOf(this.params.getOrDefault("device", "cpu")))) {
			return null;
		}
		return switch (String.valueOf(this.params.getOrDefault("tree_method", "hist"))) {
			case "hist", "auto" -> "grow_quantile_histmaker";
			case "approx" -> "grow_histmaker";
			case "exact" -> "grow_colmaker,prune";
			default -> null;
		};
	}

	/** The round a segment ends at (exclusive upper bound of the rounds it trains). */
	public int segmentEnd(int fromRound) {
		return Math.min(this.rounds, fromRound + this.checkpointEvery);
	}

	/** Which segment starts at {@code fromRound}. */
	public int segmentIndex(int fromRound) {
		return fromRound / this.checkpointEvery;
	}

	/**
	 * The parameters for one segment: the run's parameters with a seed derived from the
	 * pipeline seed and the segment index.
	 */
	public Map<String, Object> segmentParams(int segmentIndex) {
		Map<String, Object> segment = new TreeMap<>(this.params);
		long mixed = new SplittableRandom(this.seed).split().nextLong() ^ (segmentIndex * 0x9E3779B97F4A7C15L);
		segment.put("seed", new SplittableRandom(mixed).nextInt(Integer.MAX_VALUE));
		return segment;
	}

}
