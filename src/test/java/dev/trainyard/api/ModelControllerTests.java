package dev.trainyard.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineNotFoundException;
import dev.trainyard.pipeline.PipelineProblem;
import dev.trainyard.registry.ChampionChange;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.trainyard.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

@WebMvcTest(ModelController.class)
@Import(SecurityConfiguration.class)
@WithMockUser(roles = "APPROVER")
class ModelControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ModelRegistry registry;

	@MockitoBean
	private PipelineCatalog catalog;

	@Test
	void listsTheVersionsOfAPipeline() {
		given(this.registry.versions("breast-cancer"))
			.willReturn(List.of(version(2, VersionState.AWAITING_APPROVAL), version(1, VersionState.PROMOTED)));
		assertThat(this.mvc.get().uri("/api/models/breast-cancer/versions")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"version": 2, "state": "AWAITING_APPROVAL", "runId": "r-2", "sha256": "sha-2",
					  "metrics": {"auc": 0.98}, "createdAt": "2025-01-10T00:00:00Z"},
					 {"version": 1, "state": "PROMOTED", "runId": "r-1", "sha256": "sha-1"}]
					""");
		verifyNoInteractions(this.catalog);
	}

	@Test
	void listsNoVersionsOfAKnownPipelineWithoutModels() {
		given(this.registry.versions("iris")).willReturn(List.of());
		assertThat(this.mvc.get().uri("/api/models/iris/versions")).hasStatusOk().bodyJson().isEqualTo("[]");
	}

	@Test
	void listsNoVersionsOfAPipelineWhoseFileIsBroken() {
		given(this.registry.versions("bad")).willReturn(List.of());
		given(this.catalog.get("bad")).willThrow(new InvalidPipelineException(
				List.of(new PipelineProblem(Path.of("jobs/bad.yaml"), 1, "name", "is required"))));
		assertThat(this.mvc.get().uri("/api/models/bad/versions")).hasStatusOk().bodyJson().isEqualTo("[]");
	}

	@Test
	void answersNotFoundForVersionsOfAnUnknownPipeline() {
		given(this.registry.versions("nope")).willReturn(List.of());
		given(this.catalog.get("nope")).willThrow(new PipelineNotFoundException("nope", Path.of("jobs")));
		assertProblem(this.mvc.get().uri("/api/models/nope/versions").exchange(), HttpStatus.NOT_FOUND,
				"pipeline-not-found", "/api/models/nope/versions");
	}

	@Test
	void showsTheChampionHistory() {
		given(this.registry.history("breast-cancer")).willReturn(List.of(new ChampionChange(7, "breast-cancer", null, 1,
				"PROMOTION", "alice", "approved", "r-1", Instant.parse("2025-01-10T00:00:00Z"))));
		assertThat(this.mvc.get().uri("/api/models/breast-cancer/history")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					[{"fromVersion": null, "toVersion": 1, "action": "PROMOTION", "actor": "alice",
					  "reason": "approved", "runId": "r-1", "changedAt": "2025-01-10T00:00:00Z"}]
					""");
	}

	@Test
	void showsAnEmptyHistoryOfAPipelineWhoseFileIsGoneButHasVersions() {
		given(this.registry.history("old")).willReturn(List.of());
		given(this.registry.versions("old")).willReturn(List.of(version(1, VersionState.REJECTED)));
		assertThat(this.mvc.get().uri("/api/models/old/history")).hasStatusOk().bodyJson().isEqualTo("[]");
		verifyNoInteractions(this.catalog);
	}

	@Test
	void answersNotFoundForTheHistoryOfAnUnknownPipeline() {
		given(this.registry.history("nope")).willReturn(List.of());
		given(this.registry.versions("nope")).willReturn(List.of());
		given(this.catalog.get("nope")).willThrow(new PipelineNotFoundException("nope", Path.of("jobs")));
		assertProblem(this.mvc.get().uri("/api/models/nope/history").exchange(), HttpStatus.NOT_FOUND,
				"pipeline-not-found", "/api/models/nope/history");
	}

	private static ModelVersion version(int version, VersionState state) {
		return new ModelVersion("breast-cancer", version, state, "r-" + version, "sha-" + version, 100,
				"models/breast-cancer/" + version + "/model.ubj", Map.of("auc", 0.98), null, null, List.of(), "fp",
				Map.of("max_depth", 4), Instant.parse("2025-01-10T00:00:00Z"), null, null, null, null);
	}

}
