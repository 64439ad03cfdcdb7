package dev.trainyard.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.Metric;
import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.Approval;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import dev.trainyard.pipeline.PipelineDefinition.FreshnessSpec;
import dev.trainyard.pipeline.PipelineDefinition.GateSpec;
import dev.trainyard.pipeline.PipelineDefinition.PromotionSpec;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import dev.trainyard.pipeline.PipelineDefinition.Schedule;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import dev.trainyard.pipeline.PipelineNotFoundException;
import dev.trainyard.pipeline.PipelineProblem;
import dev.trainyard.registry.ChampionChange;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.security.SecurityConfiguration;
import dev.trainyard.slo.BudgetStatus;
import dev.trainyard.slo.ErrorBudget;
import dev.trainyard.slo.ErrorBudgets;
import dev.trainyard.slo.Freshness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.trainyard.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

@WebMvcTest(PipelineController.class)
@Import({ SecurityConfiguration.class, Freshness.class })
@WithMockUser(roles = "VIEWER")
class PipelineControllerTests {

	static final Instant NOW = Instant.parse("2025-01-10T00:00:00Z");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private PipelineCatalog catalog;

	@MockitoBean
	private ModelRegistry registry;

	@MockitoBean
	private ErrorBudgets budgets;

	@BeforeEach
	void noBudgetSpent() {
		given(this.budgets.of(any(), any())).willReturn(
				List.of(new ErrorBudget(ErrorBudget.RUN_SUCCESS, 0.95, "PT720H", 1, 0, BudgetStatus.HEALTHY, 0, 0),
						new ErrorBudget(ErrorBudget.FRESHNESS, 0.99, "PT720H", 1, 0, BudgetStatus.HEALTHY, 0, 0)));
	}

	@Test
	void showsTheDefinitionEssentialsOfAPipeline() {
		given(this.catalog.get("breast-cancer")).willReturn(breastCancer());
		MvcTestResult result = this.mvc.get().uri("/api/pipelines/breast-cancer").exchange();
		assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"name": "breast-cancer",
				 "schedule": {"cron": "0 0 3 * * *", "zone": "UTC", "catchUp": "latest",
				              "next": "2025-01-10T03:00:00Z"},
				 "dataset": {"path": "data/breast_cancer.csv", "label": "malignant"},
				 "objective": "binary:logistic", "rounds": 200, "checkpointEvery": 20,
				 "gates": [{"metric": "auc", "min": 0.95, "max": null, "maxRegression": null},
				           {"metric": "auc", "min": null, "max": null, "maxRegression": 0.01}],
				 "approval": "auto",
				 "freshness": {"maxAge": "PT168H", "warnAge": "PT120H", "maxAgeSeconds": 604800}}
				""");
		assertThat(result).bodyJson().doesNotHavePath("$.text").doesNotHavePath("$.source");
	}

	@Test
	void showsNoModelWithoutAChampion() {
		given(this.catalog.get("breast-cancer")).willReturn(breastCancer());
		given(this.registry.champion("breast-cancer")).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/pipelines/breast-cancer")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"champion": null, "freshness": {"ageSeconds": null, "status": "NO_MODEL"}}
				""");
	}

	@Test
	void showsTheChampionAndItsAgeSinceItFinishedTraining() {
		given(this.catalog.get("breast-cancer")).willReturn(breastCancer());
		championPromotedAgo(Duration.ofDays(1));
		assertThat(this.mvc.get().uri("/api/pipelines/breast-cancer")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"champion": {"version": 2, "sha256": "ab12", "metrics": {"auc": 0.98},
				              "promotedAt": "2025-01-09T00:00:00Z", "trainedAt": "2025-01-08T23:59:00Z"},
				 "freshness": {"ageSeconds": 86460, "status": "OK"},
				 "budgets": [{"slo": "run-success", "status": "HEALTHY"}, {"slo": "freshness", "status": "HEALTHY"}]}
				""");
	}

	@Test
	void aRolledBackChampionIsAsOldAsItsTraining() {
		given(this.catalog.get("breast-cancer")).willReturn(breastCancer());
		championPromotedAgo(Duration.ofHours(1));
		ModelVersion old = new ModelVersion("breast-cancer", 1, VersionState.PROMOTED, "r-1", "cd34", 100,
				"models/breast-cancer/1/model.ubj", Map.of("auc", 0.97), null, null, List.of(), "fp", Map.of(),
				NOW.minus(Duration.ofDays(60)), null, null, null, null);
		given(this.registry.champion("breast-cancer")).willReturn(Optional.of(old));
		assertThat(this.mvc.get().uri("/api/pipelines/breast-cancer")).bodyJson().isLenientlyEqualTo("""
				{"champion": {"version": 1, "trainedAt": "2024-11-11T00:00:00Z"},
				 "freshness": {"ageSeconds": 5184000, "status": "VIOLATED"}}
				""");
	}

	@Test
	void warnsWhenTheChampionIsOlderThanTheWarnAge() {
		given(this.catalog.get("breast-cancer")).willReturn(breastCancer());
		championPromotedAgo(Duration.ofDays(6));
		assertThat(this.mvc.get().uri("/api/pipelines/breast-cancer")).bodyJson()
			.extractingPath("$.freshness.status")
			.isEqualTo("WARNING");
	}

	@Test
	void reportsAViolationWhenTheChampionIsOlderThanTheMaxAge() {
		given(this.catalog.get("breast-cancer")).willReturn(breastCancer());
		championPromotedAgo(Duration.ofDays(8));
		assertThat(this.mvc.get().uri("/api/pipelines/breast-cancer")).bodyJson()
			.extractingPath("$.freshness.status")
			.isEqualTo("VIOLATED");
	}

	@Test
	void listsEveryPipeline() {
		given(this.catalog.all()).willReturn(List.of(breastCancer(), iris()));
		assertThat(this.mvc.get().uri("/api/pipelines")).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].name")
			.isEqualTo(List.of("breast-cancer", "iris"));
	}

	@Test
	void showsAPipelineWithoutScheduleOrFreshness() {
		given(this.catalog.get("iris")).willReturn(iris());
		championPromotedAgo(Duration.ofDays(400));
		assertThat(this.mvc.get().uri("/api/pipelines/iris")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"schedule": null, "approval": "manual",
				 "freshness": {"maxAge": null, "warnAge": null, "maxAgeSeconds": null, "status": "OK"}}
				""");
	}

	@Test
	void answersNotFoundForAnUnknownPipeline() {
		given(this.catalog.get("nope")).willThrow(new PipelineNotFoundException("nope", Path.of("jobs")));
		assertProblem(this.mvc.get().uri("/api/pipelines/nope").exchange(), HttpStatus.NOT_FOUND, "pipeline-not-found",
				"/api/pipelines/nope");
	}

	@Test
	void answersUnprocessableForABrokenPipelineFile() {
		given(this.catalog.get("bad")).willThrow(new InvalidPipelineException(
				List.of(new PipelineProblem(Path.of("jobs/bad.yaml"), 3, "dataset.label", "is required"))));
		MvcTestResult result = this.mvc.get().uri("/api/pipelines/bad").exchange();
		assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-pipeline", "/api/pipelines/bad");
		assertThat(result).bodyJson().extractingPath("$.problems[0].field").isEqualTo("dataset.label");
	}

	@Test
	@WithMockUser(roles = "OPERATOR")
	void reloadsThePipelineFilesAndAnswersWhatItFound() {
		given(this.catalog.reload()).willReturn(new PipelineCatalog.Snapshot(List.of(iris()),
				List.of(new PipelineProblem(Path.of("jobs/bad.yaml"), 4, "trainer.rounds", "must be at least 1")),
				Set.of("bad")));
		assertThat(this.mvc.post().uri("/api/pipelines/reload")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"pipelines": [{"name": "iris"}],
				 "problems": [{"file": "jobs/bad.yaml", "line": 4, "field": "trainer.rounds",
				               "message": "must be at least 1"}]}
				""");
	}

	@Test
	void aViewerMayNotReload() {
		assertThat(this.mvc.post().uri("/api/pipelines/reload")).hasStatus(HttpStatus.FORBIDDEN);
		verifyNoInteractions(this.catalog);
	}

	private void championPromotedAgo(Duration age) {
		Instant promotedAt = NOW.minus(age);
		ModelVersion champion = new ModelVersion("breast-cancer", 2, VersionState.PROMOTED, "r-2", "ab12", 100,
				"models/breast-cancer/2/model.ubj", Map.of("auc", 0.98), 1, Map.of("auc", 0.97), List.of(), "fp",
				Map.of(), promotedAt.minusSeconds(60), null, null, null, null);
		given(this.registry.champion("breast-cancer")).willReturn(Optional.of(champion));
		given(this.registry.champion("iris")).willReturn(Optional.of(champion));
		given(this.registry.history("breast-cancer")).willReturn(List.of(
				new ChampionChange(1, "breast-cancer", null, 1, "PROMOTION", "anonymous", "gates passed", "r-1",
						promotedAt.minus(Duration.ofDays(30))),
				new ChampionChange(2, "breast-cancer", 1, 2, "PROMOTION", "anonymous", "gates passed", "r-2",
						promotedAt)));
	}

	static PipelineDefinition breastCancer() {
		return new PipelineDefinition("breast-cancer", new Schedule("0 0 3 * * *", "UTC"),
				new DatasetSpec("data/breast_cancer.csv", "malignant", 0.2, 42),
				new TrainerSpec("xgboost", Objective.BINARY_LOGISTIC, 200, Map.of("max_depth", 4), 20),
				RetrySpec.DEFAULT,
				List.of(new GateSpec(Metric.AUC, 0.95, null, null), new GateSpec(Metric.AUC, null, null, 0.01)),
				new PromotionSpec(Approval.AUTO, Duration.ofDays(7)),
				new FreshnessSpec(Duration.ofDays(7), Duration.ofDays(5)), Path.of("jobs/breast-cancer.yaml"),
				"name: breast-cancer");
	}

	static PipelineDefinition iris() {
		return new PipelineDefinition("iris", null, new DatasetSpec("data/iris.csv", "species", 0.3, 7),
				new TrainerSpec("xgboost", Objective.MULTI_SOFTPROB, 60, Map.of(), 10), RetrySpec.DEFAULT,
				List.of(new GateSpec(Metric.ACCURACY, 0.85, null, null)), PromotionSpec.DEFAULT, null,
				Path.of("jobs/iris.yaml"), "name: iris");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
