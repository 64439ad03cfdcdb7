package dev.trainyard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.TrainingSession;
import dev.trainyard.training.XgboostTrainer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Benchmark, not a test: the built-in trainer's rounds per second against plain XGBoost4J
 * on the same arrays and parameters. Alternates, each with a fresh matrix:
 * <ul>
 * <li>{@code plain}: one {@code XGBoost.train} call for every round, the model serialized
 * once at the end;</li>
 * <li>{@code trainer}: a {@link TrainingSession} of segments of {@code every} rounds,
 * each ending with the model's bytes (what a checkpoint stores), as the train step runs
 * it without the store.</li>
 * </ul>
 * Arguments: {@code <rows> <features> <rounds> <every> <repeats>}. Prints one line per
 * run ({@code variant seconds rounds/s}).
 */
public final class TrainerBenchmark {

	private TrainerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.parseInt(args[0]);
		int features = Integer.parseInt(args[1]);
		int rounds = Integer.parseInt(args[2]);
		int every = Integer.parseInt(args[3]);
		int repeats = Integer.parseInt(args[4]);
		String source = "synthetic:classification?rows=%d&features=%d&seed=11".formatted(rows, features);
		PreparedData data = Datasets.localFiles()
			.prepare(new DatasetSpec(source, "label", 0.2, 5), Objective.BINARY_LOGISTIC, Path.of("."));
		Map<String, Object> params = Map.of("max_depth", 8, "eta", 0.1, "subsample", 0.8, "colsample_bytree", 0.8,
				"tree_method", "hist");
		XgboostTrainer trainer = new XgboostTrainer();
		TrainingPlan plan = TrainingPlan
			.of(new TrainerSpec("xgboost", Objective.BINARY_LOGISTIC, rounds, params, every), 5, data.numClasses(), 2);
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < repeats; i++) {
			lines.add(line("plain", plain(trainer, data, plan, rounds), rounds));
			lines.add(line("trainer", session(trainer, data, plan, rounds), rounds));
		}
		lines.forEach(System.out::println);
	}

	private static double plain(XgboostTrainer trainer, PreparedData data, TrainingPlan plan, int rounds)
			throws Exception {
		DMatrix train = trainer.matrix(data.train());
		long t0 = System.nanoTime();
		Booster booster = XGBoost.train(train, new HashMap<>(plan.params()), rounds, new HashMap<>(), null, null);
		booster.toByteArray(XgboostTrainer.MODEL_FORMAT);
		double seconds = (System.nanoTime() - t0) / 1e9;
		booster.dispose();
		train.dispose();
		return seconds;
	}

	private static double session(XgboostTrainer trainer, PreparedData data, TrainingPlan plan, int rounds) {
		DMatrix train = trainer.matrix(data.train());
		long t0 = System.nanoTime();
		try (TrainingSession session = trainer.session(plan, train, null, 0)) {
			while (session.round() < rounds) {
				session.next();
			}
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		train.dispose();
		return seconds;
	}

	private static String line(String variant, double seconds, int rounds) {
		return String.format(Locale.ROOT, "%s %.3f %.2f", variant, seconds, rounds / seconds);
	}

}
