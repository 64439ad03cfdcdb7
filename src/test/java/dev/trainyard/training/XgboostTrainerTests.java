package dev.trainyard.training;

import java.util.Map;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import dev.trainyard.store.Sha256;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XgboostTrainerTests {

	private final XgboostTrainer trainer = new XgboostTrainer();

	private final PreparedData data = Datasets.localFiles()
		.prepare(new DatasetSpec("synthetic:classification?rows=3000&features=10&seed=9", "label", 0.2, 1),
				Objective.BINARY_LOGISTIC, java.nio.file.Path.of("."));

	private final TrainingPlan plan = TrainingPlan.of(new TrainerSpec("xgboost", Objective.BINARY_LOGISTIC, 30,
			Map.of("max_depth", 4, "eta", 0.3, "subsample", 0.7, "colsample_bytree", 0.7), 10), 42, 2, 2);

	@Test
	void resumingFromAnyCheckpointGivesTheSameBytesAsAnUninterruptedRun() throws Exception {
		DMatrix train = this.trainer.matrix(this.data.train());
		byte[] round10 = this.trainer.trainSegment(this.plan, train, null, 0);
		byte[] round20 = this.trainer.trainSegment(this.plan, train, round10, 10);
		byte[] uninterrupted = this.trainer.trainSegment(this.plan, train, round20, 20);

		DMatrix fresh = this.trainer.matrix(this.data.train());
		byte[] resumed = this.trainer.trainSegment(this.plan, fresh, round20.clone(), 20);
		byte[] resumedEarlier = this.trainer.trainSegment(this.plan, fresh,
				this.trainer.trainSegment(this.plan, fresh, round10.clone(), 10), 20);

		assertThat(Sha256.hex(resumed)).isEqualTo(Sha256.hex(uninterrupted));
		assertThat(Sha256.hex(resumedEarlier)).isEqualTo(Sha256.hex(uninterrupted));
	}

	@Test
	void segmentsUseDifferentSeedsDerivedFromThePipelineSeed() {
		assertThat(this.plan.segmentParams(0).get("seed")).isNotEqualTo(this.plan.segmentParams(1).get("seed"));
		assertThat(this.plan.segmentParams(1)).isEqualTo(TrainingPlan
			.of(new TrainerSpec("xgboost", Objective.BINARY_LOGISTIC, 30,
					Map.of("max_depth", 4, "eta", 0.3, "subsample", 0.7, "colsample_bytree", 0.7), 10), 42, 2, 2)
			.segmentParams(1));
	}

	@Test
	void threadCountIsFixedUnlessThePipelineSetsIt() {
		assertThat(this.plan.params()).containsEntry("nthread", 2).containsEntry("objective", "binary:logistic");
		TrainingPlan own = TrainingPlan
			.of(new TrainerSpec("xgboost", Objective.MULTI_SOFTPROB, 10, Map.of("nthread", 1), 5), 1, 4, 8);
		assertThat(own.params()).containsEntry("nthread", 1).containsEntry("num_class", 4);
	}

}
