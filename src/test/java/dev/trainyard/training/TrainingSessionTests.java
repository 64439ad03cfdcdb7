package dev.trainyard.training;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import dev.trainyard.store.Sha256;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that keeps the booster in memory must produce, after every segment, the bytes
 * that training from the previous checkpoint's bytes produces — the property
 * byte-identical resume rests on.
 */
class TrainingSessionTests {

	private final XgboostTrainer trainer = new XgboostTrainer();

	static Stream<Arguments> plans() {
		return Stream.of(
				Arguments.of(Objective.BINARY_LOGISTIC, "classification",
						Map.of("max_depth", 5, "subsample", 0.8, "colsample_bytree", 0.8)),
				Arguments.of(Objective.BINARY_LOGISTIC, "classification",
						Map.of("subsample", 0.7, "colsample_bylevel", 0.7, "colsample_bynode", 0.6)),
				Arguments.of(Objective.MULTI_SOFTPROB, "classification&classes=3",
						Map.of("max_depth", 4, "subsample", 0.8, "colsample_bytree", 0.8)),
				Arguments.of(Objective.REG_SQUAREDERROR, "regression",
						Map.of("max_depth", 6, "subsample", 0.8, "colsample_bynode", 0.8)),
				Arguments.of(Objective.BINARY_LOGISTIC, "classification",
						Map.of("tree_method", "approx", "subsample", 0.8, "colsample_bytree", 0.8)),
				Arguments.of(Objective.BINARY_LOGISTIC, "classification",
						Map.of("booster", "dart", "rate_drop", 0.1, "subsample", 0.8)));
	}

	@ParameterizedTest
	@MethodSource("plans")
	void everySegmentEqualsTrainingFromThePreviousCheckpointsBytes(Objective objective, String kind,
			Map<String, Object> params) {
		String source = "synthetic:" + kind.replace("&", "?rows=3000&features=8&seed=4&")
				+ (kind.contains("&") ? "" : "?rows=3000&features=8&seed=4");
		PreparedData data = Datasets.localFiles()
			.prepare(new DatasetSpec(source, "label", 0.2, 1), objective, Path.of("."));
		TrainingPlan plan = TrainingPlan.of(new TrainerSpec("xgboost", objective, 40, params, 10), 7, data.numClasses(),
				2);
		DMatrix train = this.trainer.matrix(data.train());
		byte[] fromBytes = null;
		try (TrainingSession session = this.trainer.session(plan, train, null, 0)) {
			for (int from = 0; from < 40; from += 10) {
				fromBytes = this.trainer.trainSegment(plan, train, fromBytes, from);
				assertThat(Sha256.hex(session.next())).as("segment from round %d", from)
					.isEqualTo(Sha256.hex(fromBytes));
			}
		}
		try (TrainingSession resumed = this.trainer.session(plan, train,
				this.trainer.trainSegment(plan, train, this.trainer.trainSegment(plan, train, null, 0), 10), 20)) {
			resumed.next();
			assertThat(Sha256.hex(resumed.next())).isEqualTo(Sha256.hex(fromBytes));
		}
	}

}
