package dev.trainyard.api;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.dataset.InvalidDatasetException;
import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineNotFoundException;
import dev.trainyard.pipeline.PipelineProblem;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunConflictException;
import dev.trainyard.run.RunNotFoundException;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.security.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.trainyard.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@WebMvcTest(RunController.class)
@Import(SecurityConfiguration.class)
@WithMockUser(username = "olivia", roles = "OPERATOR")
class RunControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Runs runs;

	@Test
	void launchAnswersAcceptedWithTheRunAndItsLocation() {
		given(this.runs.launch("breast-cancer", "olivia")).willReturn(run("r-1", "STARTING", null));
		MvcTestResult result = this.mvc.post().uri("/api/pipelines/breast-cancer/runs").exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED)
			.hasHeader("Location", "/api/runs/r-1")
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"runId": "r-1", "pipeline": "breast-cancer", "status": "STARTING", "outcome": null,
				 "progress": {"round": 0, "rounds": 30}, "checkpoints": [], "launchedBy": "olivia",
				 "createdAt": "2025-01-10T00:00:00Z"}
				""");
	}

	@Test
	void launchIsDoneInTheNameOfTheAuthenticatedPrincipal() {
		given(this.runs.launch("breast-cancer", "alice")).willReturn(run("r-1", "STARTING", null));
		assertThat(this.mvc.post().uri("/api/pipelines/breast-cancer/runs").with(user("alice").roles("OPERATOR")))
			.hasStatus(HttpStatus.ACCEPTED);
		verify(this.runs).launch("breast-cancer", "alice");
	}

	@Test
	void launchOfAnUnknownPipelineIsNotFound() {
		given(this.runs.launch("nope", "olivia")).willThrow(new PipelineNotFoundException("nope", Path.of("jobs")));
		MvcTestResult result = this.mvc.post().uri("/api/pipelines/nope/runs").exchange();
		assertProblem(result, HttpStatus.NOT_FOUND, "pipeline-not-found", "/api/pipelines/nope/runs");
		assertThat(result).bodyJson().extractingPath("$.pipeline").isEqualTo("nope");
	}

	@Test
	void launchOfABrokenPipelineIsUnprocessableAndListsItsProblems() {
		PipelineProblem rounds = new PipelineProblem(Path.of("jobs/bad.yaml"), 9, "trainer.rounds",
				"must be at least 1");
		PipelineProblem gate = new PipelineProblem(Path.of("jobs/bad.yaml"), null, "gates[0].metric",
				"unknown metric 'f1'");
		given(this.runs.launch("bad", "olivia")).willThrow(new InvalidPipelineException(List.of(rounds, gate)));
		MvcTestResult result = this.mvc.post().uri("/api/pipelines/bad/runs").exchange();
		assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-pipeline", "/api/pipelines/bad/runs");
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"problems": [
				  {"file": "jobs/bad.yaml", "line": 9, "field": "trainer.rounds", "message": "must be at least 1"},
				  {"file": "jobs/bad.yaml", "line": null, "field": "gates[0].metric", "message": "unknown metric 'f1'"}
				]}
				""");
	}

	@Test
	void listsRunsWithTheDefaultLimit() {
		given(this.runs.list(null, null, 50))
			.willReturn(List.of(run("r-2", "STARTED", null), run("r-1", "COMPLETED", "PROMOTED")));
		MvcTestResult result = this.mvc.get().uri("/api/runs").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$[*].runId").isEqualTo(List.of("r-2", "r-1"));
	}

	@Test
	void passesTheFiltersOnAndCapsTheLimit() {
		given(this.runs.list("breast-cancer", "COMPLETED", RunController.MAX_LIMIT)).willReturn(List.of());
		assertThat(this.mvc.get().uri("/api/runs?pipeline=breast-cancer&status=completed&limit=10000")).hasStatusOk()
			.bodyJson()
			.isEqualTo("[]");
		verify(this.runs).list("breast-cancer", "COMPLETED", RunController.MAX_LIMIT);
	}

	@Test
	void acceptsAnOutcomeAsStatus() {
		given(this.runs.list(null, "AWAITING_APPROVAL", 5)).willReturn(List.of());
		assertThat(this.mvc.get().uri("/api/runs?status=AWAITING_APPROVAL&limit=5")).hasStatusOk();
		verify(this.runs).list(null, "AWAITING_APPROVAL", 5);
	}

	@Test
	void rejectsAnUnknownStatus() {
		MvcTestResult result = this.mvc.get().uri("/api/runs?status=sleeping").exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "bad-request", "/api/runs");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("sleeping");
	}

	@Test
	void rejectsALimitThatIsNotANumber() {
		assertProblem(this.mvc.get().uri("/api/runs?limit=many").exchange(), HttpStatus.BAD_REQUEST, "bad-request",
				"/api/runs");
	}

	@Test
	void rejectsALimitBelowOne() {
		assertProblem(this.mvc.get().uri("/api/runs?limit=0").exchange(), HttpStatus.BAD_REQUEST, "bad-request",
				"/api/runs");
	}

	@Test
	void answersWithAProblemDetailAlsoWhenTheClientAsksForJson() {
		given(this.runs.find("nope")).willReturn(Optional.empty());
		assertProblem(this.mvc.get().uri("/api/runs/nope").accept(MediaType.APPLICATION_JSON).exchange(),
				HttpStatus.NOT_FOUND, "run-not-found", "/api/runs/nope");
	}

	@Test
	void launchOfAPipelineWithABrokenDatasetIsUnprocessable() {
		given(this.runs.launch("breast-cancer", "olivia"))
			.willThrow(new InvalidDatasetException("data/breast_cancer.csv", 12L, "'abc' is not a number"));
		MvcTestResult result = this.mvc.post().uri("/api/pipelines/breast-cancer/runs").exchange();
		assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-dataset", "/api/pipelines/breast-cancer/runs");
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"file": "data/breast_cancer.csv", "line": 12}
				""");
	}

	@Test
	void showsOneRun() {
		given(this.runs.find("r-1")).willReturn(Optional.of(run("r-1", "COMPLETED", "PROMOTED")));
		assertThat(this.mvc.get().uri("/api/runs/r-1")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"runId": "r-1", "status": "COMPLETED", "outcome": "PROMOTED", "modelVersion": 1}
				""");
	}

	@Test
	void answersNotFoundForAnUnknownRun() {
		given(this.runs.find("nope")).willReturn(Optional.empty());
		assertProblem(this.mvc.get().uri("/api/runs/nope").exchange(), HttpStatus.NOT_FOUND, "run-not-found",
				"/api/runs/nope");
	}

	@Test
	void restartAnswersAcceptedWithTheRun() {
		given(this.runs.restart("r-1", "bob")).willReturn(run("r-1", "STARTED", null));
		MvcTestResult result = this.mvc.post()
			.uri("/api/runs/r-1/restart")
			.with(user("bob").roles("OPERATOR"))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasHeader("Location", "/api/runs/r-1");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("STARTED");
	}

	@Test
	void restartOfARunThatCannotRestartIsAConflict() {
		given(this.runs.restart("r-1", "olivia")).willThrow(new RunConflictException("run r-1 is still running"));
		MvcTestResult result = this.mvc.post().uri("/api/runs/r-1/restart").exchange();
		assertProblem(result, HttpStatus.CONFLICT, "run-conflict", "/api/runs/r-1/restart");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("run r-1 is still running");
	}

	@Test
	void restartOfAnUnknownRunIsNotFound() {
		given(this.runs.restart("nope", "olivia")).willThrow(new RunNotFoundException("there is no run nope"));
		assertProblem(this.mvc.post().uri("/api/runs/nope/restart").exchange(), HttpStatus.NOT_FOUND, "run-not-found",
				"/api/runs/nope/restart");
	}

	@Test
	void aDatabaseOutageIsATransientServiceUnavailable() {
		given(this.runs.restart("r-1", "olivia"))
			.willThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection: db-7.internal refused"));
		MvcTestResult result = this.mvc.post().uri("/api/runs/r-1/restart").exchange();
		assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "/api/runs/r-1/restart");
		assertThat(result).hasHeader("Retry-After", "5");
		assertThat(result).bodyText().doesNotContain("db-7");
	}

	@Test
	void aStoreThatCannotBeReachedIsATransientServiceUnavailable() {
		given(this.runs.find("r-1")).willThrow(new UncheckedIOException(new ConnectException("Connection refused")));
		assertProblem(this.mvc.get().uri("/api/runs/r-1").exchange(), HttpStatus.SERVICE_UNAVAILABLE,
				"service-unavailable", "/api/runs/r-1");
	}

	@Test
	void stopAnswersAcceptedWithTheRun() {
		given(this.runs.stop("r-1", "olivia")).willReturn(run("r-1", "STOPPING", null));
		assertThat(this.mvc.post().uri("/api/runs/r-1/stop")).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("STOPPING");
	}

	@Test
	void stopOfARunThatIsNotRunningIsAConflict() {
		given(this.runs.stop("r-1", "olivia")).willThrow(new RunConflictException("run r-1 is not running"));
		assertProblem(this.mvc.post().uri("/api/runs/r-1/stop").exchange(), HttpStatus.CONFLICT, "run-conflict",
				"/api/runs/r-1/stop");
	}

	@Test
	void hidesTheDetailsOfUnexpectedErrors() {
		given(this.runs.find("r-1")).willThrow(new IllegalStateException("connection to db-7.internal refused"));
		MvcTestResult result = this.mvc.get().uri("/api/runs/r-1").exchange();
		assertProblem(result, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "/api/runs/r-1");
		assertThat(result).bodyText().doesNotContain("db-7", "IllegalStateException");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void answersSpringMvcErrorsWithProblemDetailsToo() {
		assertProblem(this.mvc.delete().uri("/api/runs/r-1").exchange(), HttpStatus.METHOD_NOT_ALLOWED,
				"method-not-allowed", "/api/runs/r-1");
	}

	static RunView run(String runId, String status, String outcome) {
		boolean promoted = "PROMOTED".equals(outcome);
		return new RunView(runId, "breast-cancer", RunStatus.valueOf(status),
				(outcome != null) ? Outcome.valueOf(outcome) : null, null, promoted ? 1 : null,
				promoted ? "ab12" : null, promoted ? Map.of("auc", 0.98) : Map.of(), null, null, List.of(),
				new RunView.Progress(promoted ? 30 : 0, 30), null, List.of(), List.of(), 1, "olivia",
				Instant.parse("2025-01-10T00:00:00Z"), null, null, null, null, null, false, 0, null, null, List.of(),
				null);
	}

}
