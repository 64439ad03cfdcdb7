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
		Map<String, Object> params = new TreeMap<>(trainer.params());
		params.put("objective", trainer.objective().xgboostName());
		params.putIfAbsent("nthread", threads);
		if (trainer.objective() == Objective.MULTI_SOFTPROB) {
			params.putIfAbsent("num_class", numClasses);
		}
		params.remove("seed");
		return new TrainingPlan(Map.copyOf(params), trainer.rounds(), trainer.checkpointEvery(), seed);
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
