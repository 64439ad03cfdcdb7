package dev.trainyard.dataset;

import java.nio.file.Path;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SyntheticDataTests {

	private final Datasets datasets = Datasets.localFiles();

	@Test
	void generatesTheSameDataFromTheSameSeed() {
		String path = "synthetic:classification?rows=1000&features=5&seed=3";
		PreparedData first = prepare(path, Objective.BINARY_LOGISTIC);
		PreparedData second = prepare(path, Objective.BINARY_LOGISTIC);
		assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).hasSize(64);
		assertThat(second.train().features()).containsExactly(first.train().features());
		assertThat(second.validation().labels()).containsExactly(first.validation().labels());
	}

	@Test
	void generatesDifferentDataFromADifferentSeed() {
		PreparedData one = prepare("synthetic:regression?rows=100&features=2&seed=1", Objective.REG_SQUAREDERROR);
		PreparedData two = prepare("synthetic:regression?rows=100&features=2&seed=2", Objective.REG_SQUAREDERROR);
		assertThat(two.fingerprint()).isNotEqualTo(one.fingerprint());
	}

	@Test
	void generatesBinaryLabelsAndNamedFeatures() {
		PreparedData data = prepare("synthetic:classification?rows=500&features=3&seed=9", Objective.BINARY_LOGISTIC);
		assertThat(data.rows()).isEqualTo(500);
		assertThat(data.validation().rows()).isEqualTo(100);
		assertThat(data.train().featureNames()).containsExactly("f0", "f1", "f2");
		assertThat(data.columns()).containsExactly("f0", "f1", "f2", "label");
		assertThat(data.label()).isEqualTo("label");
		assertThat(data.numClasses()).isEqualTo(2);
		assertThat(data.train().labels()).containsOnly(0f, 1f).contains(0f, 1f);
		for (float value : data.train().features()) {
			assertThat(value).isBetween(-1f, 1f);
		}
	}

	@Test
	void generatesMulticlassLabels() {
		PreparedData data = prepare("synthetic:classification?rows=400&features=4&seed=1&classes=4",
				Objective.MULTI_SOFTPROB);
		assertThat(data.numClasses()).isEqualTo(4);
		assertThat(data.train().labels()).containsOnly(0f, 1f, 2f, 3f).contains(0f, 1f, 2f, 3f);
	}

	@Test
	void generatesDataForACommandTrainerWithoutAnObjective() {
		PreparedData data = prepare("synthetic:classification?rows=100&features=2&seed=9&classes=3", null);
		assertThat(data.train().labels()).containsOnly(0f, 1f, 2f);
	}

	@Test
	void generatesRegressionLabels() {
		PreparedData data = prepare("synthetic:regression?rows=300&features=8&seed=5", Objective.REG_SQUAREDERROR);
		assertThat(data.numClasses()).isZero();
		assertThat(data.train().labels()).doesNotContain(Float.NaN).hasSize(240);
	}

	@Test
	void labelsFollowTheFeatures() {
		Table table = SyntheticGenerator
			.generate(SyntheticSpec.parse("synthetic:classification?rows=4000&features=1&seed=11"))
			.table();
		double auc = auc(table.features(), table.labels());
		assertThat(Math.max(auc, 1 - auc)).isGreaterThan(0.85);
	}

	@Test
	void generates200000RowsWith20Features() {
		PreparedData data = prepare("synthetic:classification?rows=200000&features=20&seed=42",
				Objective.BINARY_LOGISTIC);
		assertThat(data.train().rows()).isEqualTo(160_000);
		assertThat(data.validation().features()).hasSize(40_000 * 20);
	}

	@Test
	void rejectsMalformedPaths() {
		rejects("synthetic:clustering?rows=10&features=2&seed=1", "unknown synthetic kind 'clustering'");
		rejects("synthetic:classification?features=2&seed=1", "missing parameter 'rows'");
		rejects("synthetic:classification?rows=ten&features=2&seed=1", "parameter 'rows' must be an integer");
		rejects("synthetic:classification?rows=0&features=2&seed=1", "got '0'");
		rejects("synthetic:classification?rows=10&features=2&seed=1&depth=3", "unknown parameter 'depth'");
		rejects("synthetic:regression?rows=10&features=2&seed=1&classes=3", "unknown parameter 'classes'");
		rejects("synthetic:classification?rows=10&rows=20&features=2&seed=1", "'rows' is given twice");
		rejects("synthetic:classification?rows=10&features=2&seed=1&classes=1", "'classes' must be");
		rejects("synthetic:classification?rows=100000&features=100000&seed=1", "too large");
	}

	@Test
	void rejectsAnObjectiveThatDoesNotFit() {
		rejects("synthetic:regression?rows=10&features=2&seed=1", Objective.BINARY_LOGISTIC,
				"synthetic:regression needs a regression objective, not binary:logistic");
		rejects("synthetic:classification?rows=10&features=2&seed=1", Objective.REG_SQUAREDERROR,
				"needs a classification objective");
		rejects("synthetic:classification?rows=10&features=2&seed=1&classes=3", Objective.BINARY_LOGISTIC,
				"classes=3 needs multi:softprob");
	}

	@Test
	void rejectsAnotherLabelName() {
		String path = "synthetic:classification?rows=10&features=2&seed=1";
		assertThatExceptionOfType(InvalidDatasetException.class)
			.isThrownBy(() -> this.datasets.prepare(new DatasetSpec(path, "target", 0.2, 1), Objective.BINARY_LOGISTIC,
					Path.of(".")))
			.withMessage(path + ": label column 'target' not found; synthetic data has the columns f0..f1 and 'label'");
	}

	@Test
	void multiclassObjectiveAcceptsTwoClasses() {
		assertThat(prepare("synthetic:classification?rows=50&features=2&seed=1", Objective.MULTI_SOFTPROB).numClasses())
			.isEqualTo(2);
	}

	private PreparedData prepare(String path, Objective objective) {
		return this.datasets.prepare(new DatasetSpec(path, "label", 0.2, 7), objective, Path.of("."));
	}

	private void rejects(String path, String problem) {
		rejects(path, Objective.MULTI_SOFTPROB, problem);
	}

	private void rejects(String path, Objective objective, String problem) {
		assertThatExceptionOfType(InvalidDatasetException.class).isThrownBy(() -> prepare(path, objective))
			.withMessageStartingWith(path + ": ")
			.withMessageContaining(problem)
			.satisfies((ex) -> assertThat(ex.line()).isNull());
	}

	/**
	 * The AUC of one score per row against 0/1 labels, by counting ordered pairs.
	 */
	private static double auc(float[] scores, float[] labels) {
		long ordered = 0;
		long pairs = 0;
		for (int i = 0; i < labels.length; i++) {
			for (int j = 0; j < labels.length; j++) {
				if (labels[i] == 1 && labels[j] == 0) {
					pairs++;
					ordered += (scores[i] > scores[j]) ? 2 : (scores[i] == scores[j]) ? 1 : 0;
				}
			}
		}
		return ordered / (2.0 * pairs);
	}

}
