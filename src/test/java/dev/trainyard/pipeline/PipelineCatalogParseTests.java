package dev.trainyard.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.trainyard.pipeline.PipelineDefinition.Approval;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.pipeline.PipelineDefinition.FreshnessSpec;
import dev.trainyard.pipeline.PipelineDefinition.GateSpec;
import dev.trainyard.pipeline.PipelineDefinition.PromotionSpec;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import dev.trainyard.pipeline.PipelineDefinition.Schedule;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineCatalogParseTests {

	static final String CONTRACT_EXAMPLE = """
			name: breast-cancer                 # [a-z0-9-]+, unique; the file name is <name>.yaml
			schedule: { cron: "0 0 3 * * *", zone: UTC }   # optional; Spring cron (6 fields)
			dataset:
			  path: data/breast_cancer.csv      # CSV with a header row
			  label: malignant                  # label column
			  validation-fraction: 0.2          # deterministic split
			  seed: 42
			trainer:
			  type: xgboost
			  objective: binary:logistic
			  rounds: 200
			  params: { max_depth: 4, eta: 0.1 }   # passed to XGBoost
			  checkpoint-every: 20              # rounds
			retry: { max-attempts: 3, backoff: 1s, max-backoff: 30s }
			gates:                              # all must pass for a candidate to be promotable
			  - { metric: auc, min: 0.90 }                    # absolute bound (min or max)
			  - { metric: auc, max-regression: 0.01 }         # at most this much worse than the champion
			promotion: { approval: manual }     # manual (REST approval) or auto
			freshness: { max-age: 7d, warn-age: 5d }         # model-age SLO
			""";

	@TempDir
	Path jobsDir;

	@Test
	void parsesTheContractExampleIntoRecords() throws IOException {
		Files.createDirectories(this.jobsDir.resolve("data"));
		Files.writeString(this.jobsDir.resolve("data/breast_cancer.csv"), "a,malignant\n1,0\n");
		Path source = this.jobsDir.resolve("breast-cancer.yaml");

		PipelineDefinition definition = new PipelineCatalog(this.jobsDir).parse(source, CONTRACT_EXAMPLE);

		assertThat(definition.name()).isEqualTo("breast-cancer");
		assertThat(definition.schedule()).isEqualTo(new Schedule("0 0 3 * * *", "UTC"));
		assertThat(definition.dataset()).isEqualTo(new DatasetSpec("data/breast_cancer.csv", "malignant", 0.2, 42));
		assertThat(definition.trainer()).isEqualTo(
				new TrainerSpec("xgboost", Objective.BINARY_LOGISTIC, 200, Map.of("max_depth", 4, "eta", 0.1), 20));
		assertThat(definition.trainer().params().get("max_depth")).isInstanceOf(Integer.class);
		assertThat(definition.retry()).isEqualTo(new RetrySpec(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
		assertThat(definition.gates()).containsExactly(new GateSpec(Metric.AUC, 0.90, null, null),
				new GateSpec(Metric.AUC, null, null, 0.01));
		assertThat(definition.promotion()).isEqualTo(new PromotionSpec(Approval.MANUAL, Duration.ofDays(7)));
		assertThat(definition.freshness()).isEqualTo(new FreshnessSpec(Duration.ofDays(7), Duration.ofDays(5)));
		assertThat(definition.source()).isEqualTo(source);
		assertThat(definition.text()).isEqualTo(CONTRACT_EXAMPLE);
	}

	@Test
	void fillsInDefaultsForAMinimalPipeline() {
		String yaml = """
				name: minimal
				dataset:
				  path: synthetic:regression?rows=100&features=3
				  label: y
				trainer:
				  objective: reg:squarederror
				  rounds: 50
				""";

		PipelineDefinition definition = new PipelineCatalog(this.jobsDir).parse(this.jobsDir.resolve("minimal.yaml"),
				yaml);

		assertThat(definition.schedule()).isNull();
		assertThat(definition.dataset())
			.isEqualTo(new DatasetSpec("synthetic:regression?rows=100&features=3", "y", 0.2, 42));
		assertThat(definition.trainer())
			.isEqualTo(new TrainerSpec("xgboost", Objective.REG_SQUAREDERROR, 50, Map.of(), 50));
		assertThat(definition.retry()).isEqualTo(RetrySpec.DEFAULT);
		assertThat(definition.gates()).isEmpty();
		assertThat(definition.promotion()).isEqualTo(PromotionSpec.DEFAULT);
		assertThat(definition.freshness()).isEqualTo(new FreshnessSpec(null, null));
	}

	@Test
	void fillsInMissingSubKeysFromTheDefaults() {
		String yaml = """
				name: partial
				schedule: { cron: "0 */5 * * * *" }
				dataset: { path: "synthetic:classification?rows=10&features=2&seed=7&classes=3", label: y }
				trainer: { objective: multi:softprob, rounds: 9, params: { eta: 0.3, verbosity: 0, tree_method: hist, x: true } }
				retry: { max-attempts: 5 }
				promotion: { approval: auto }
				freshness: { max-age: 1d }
				""";

		PipelineDefinition definition = new PipelineCatalog(this.jobsDir).parse(this.jobsDir.resolve("partial.yml"),
				yaml);

		assertThat(definition.schedule()).isEqualTo(new Schedule("0 */5 * * * *", "UTC"));
		assertThat(definition.trainer().params()).containsExactly(Map.entry("eta", 0.3), Map.entry("verbosity", 0),
				Map.entry("tree_method", "hist"), Map.entry("x", true));
		assertThat(definition.retry()).isEqualTo(new RetrySpec(5, Duration.ofSeconds(1), Duration.ofSeconds(30)));
		assertThat(definition.promotion()).isEqualTo(new PromotionSpec(Approval.AUTO, Duration.ofDays(7)));
		assertThat(definition.freshness()).isEqualTo(new FreshnessSpec(Duration.ofDays(1), null));
		assertThat(definition.gates()).isEqualTo(List.of());
	}

	@Test
	void acceptsS3AndAbsoluteDatasetPaths() throws IOException {
		Path csv = Files.writeString(this.jobsDir.resolve("elsewhere.csv"), "a,y\n1,0\n");
		PipelineCatalog catalog = new PipelineCatalog(this.jobsDir);
		String template = """
				name: remote
				dataset: { path: "%s", label: y }
				trainer: { objective: binary:logistic, rounds: 3 }
				""";

		Path source = this.jobsDir.resolve("sub/remote.yaml");
		assertThat(catalog.parse(source, template.formatted("s3://bucket/data/train.csv")).dataset().path())
			.isEqualTo("s3://bucket/data/train.csv");
		assertThat(catalog.parse(source, template.formatted(csv.toAbsolutePath())).dataset().path())
			.isEqualTo(csv.toAbsolutePath().toString());
	}

}
