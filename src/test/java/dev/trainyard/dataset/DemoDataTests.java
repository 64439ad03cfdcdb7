package dev.trainyard.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo datasets in {@code jobs/data} load as their pipelines expect.
 */
class DemoDataTests {

	private static final Path JOBS = Path.of("jobs");

	private final Datasets datasets = Datasets.localFiles();

	@Test
	void loadsBreastCancerWith569RowsAnd30Features() throws Exception {
		PreparedData data = prepare("data/breast_cancer.csv", "malignant", Objective.BINARY_LOGISTIC);
		assertThat(data.rows()).isEqualTo(569);
		assertThat(data.validation().rows()).isEqualTo(114);
		assertThat(data.train().rows()).isEqualTo(455);
		assertThat(data.train().columns()).isEqualTo(30);
		assertThat(data.train().featureNames()).startsWith("mean_radius", "mean_texture")
			.endsWith("worst_fractal_dimension")
			.doesNotContain("malignant");
		assertThat(data.numClasses()).isEqualTo(2);
		assertThat(data.source()).isEqualTo("data/breast_cancer.csv");
		assertThat(malignant(data.train()) + malignant(data.validation())).isEqualTo(212);
		assertThat(data.fingerprint()).isEqualTo(sha256(JOBS.resolve("data/breast_cancer.csv")));
	}

	@Test
	void preparingTheSameFileTwiceGivesTheSameSplitAndFingerprint() {
		PreparedData first = prepare("data/breast_cancer.csv", "malignant", Objective.BINARY_LOGISTIC);
		PreparedData second = prepare("data/breast_cancer.csv", "malignant", Objective.BINARY_LOGISTIC);
		assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
		assertThat(second.train().features()).containsExactly(first.train().features());
		assertThat(second.validation().labels()).containsExactly(first.validation().labels());
	}

	@Test
	void loadsIrisAndWineAsThreeClasses() {
		PreparedData iris = prepare("data/iris.csv", "species", Objective.MULTI_SOFTPROB);
		assertThat(iris.rows()).isEqualTo(150);
		assertThat(iris.train().columns()).isEqualTo(4);
		assertThat(iris.numClasses()).isEqualTo(3);
		PreparedData wine = prepare("data/wine.csv", "cultivar", Objective.MULTI_SOFTPROB);
		assertThat(wine.rows()).isEqualTo(178);
		assertThat(wine.train().columns()).isEqualTo(13);
		assertThat(wine.numClasses()).isEqualTo(3);
	}

	@Test
	void loadsDiabetesForRegression() {
		PreparedData diabetes = prepare("data/diabetes.csv", "progression", Objective.REG_SQUAREDERROR);
		assertThat(diabetes.rows()).isEqualTo(442);
		assertThat(diabetes.train().columns()).isEqualTo(10);
		assertThat(diabetes.numClasses()).isZero();
		assertThat(diabetes.train().featureNames()).containsExactly("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4",
				"s5", "s6");
	}

	private PreparedData prepare(String path, String label, Objective objective) {
		return this.datasets.prepare(new DatasetSpec(path, label, 0.2, 42), objective, JOBS);
	}

	private static int malignant(Table table) {
		int count = 0;
		for (float label : table.labels()) {
			count += (int) label;
		}
		return count;
	}

	static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
