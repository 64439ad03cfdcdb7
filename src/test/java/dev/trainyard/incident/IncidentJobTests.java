package dev.trainyard.incident;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.incident.IncidentView.TimelineEntry;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.promotion.Approvals;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunFinished;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.slo.BudgetStatus;
import dev.trainyard.slo.ErrorBudget;
import dev.trainyard.slo.Slos;
import dev.trainyard.slo.FreshnessStatus;
import dev.trainyard.slo.SloReport;
import dev.trainyard.slo.Slos;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.MutableClock;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's incident and error-budget paths, for real, on every backend: failed runs open
 * one incident, spend the run-success budget until the error-budget policy holds the next
 * good candidate for approval, and their restarts restore it; a failed promotion and a
 * rollback to an old model open incidents that the next change resolves.
 * {@link RunSignalsJobTests} has the gate, dataset and checkpoint signals.
 */
@TrainyardTest
@OnEveryBackend
@Import(MutableClock.Config.class)
class IncidentJobTests implements InUseBackend {

	static final String FLAKY = "slo: { run-success: { target: 0.9, window: 30d } }\n";

	final Path jobs = TestDirs.jobs(getClass());

	@Autowired
	Runs runs;

	@Autowired
	ModelRegistry registry;

	@Autowired
	Approvals approvals;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	Incidents incidents;

	@Autowired
	Slos slos;

	@Autowired
	PipelineCatalog catalog;

	@Autowired
	MutableClock clock;

	@Test
	void twoFailedRunsAreOneIncidentExhaustTheBudgetAndTheNextGoodRunAwaitsApproval() {
		String name = pipeline("exhausted", FLAKY);
		List<RunView> failed = failTwice(name);

		IncidentView failure = OpenIncidents.one(this.incidents, name, IncidentType.TRAINING_FAILURE);
		assertThat(failure.count()).isEqualTo(2);
		assertThat(failure.runsFailed()).isEqualTo(2);
		assertThat(failure.severity()).isEqualTo(Severity.SEV3);
		assertThat(failure.timeline()).extracting(TimelineEntry::action).containsExactly("DETECTED", "REPEATED");
		assertThat(failure.timeline().get(1).detail()).contains(failed.get(1).runId(), "FAILED (FATAL)");
		assertThat(failure.runbook().immediateActions()).isNotEmpty();
		assertThat(budget(name).status()).isEqualTo(BudgetStatus.EXHAUSTED);
		assertThat(OpenIncidents.one(this.incidents, name, IncidentType.ERROR_BUDGET_EXHAUSTED).severity())
			.isEqualTo(Severity.SEV2);

		RunView good = this.runs.launch(name, "tester");
		String why = "run-success error budget exhausted (remaining -9.0: 2 of 2 runs failed in PT720H, target 0.9)";
		assertThat(good.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);
		assertThat(good.approvalReason()).isEqualTo(why);
		ModelVersion waiting = this.registry.find(name, good.modelVersion()).orElseThrow();
		assertThat(waiting.state()).isEqualTo(VersionState.AWAITING_APPROVAL);
		assertThat(waiting.approvalReason()).isEqualTo(why);
		assertThat(this.registry.champion(name)).isEmpty();

		assertThat(this.approvals.approve(name, good.modelVersion(), "approver", "checked").outcome())
			.isEqualTo(Outcome.PROMOTED);
		assertThat(this.registry.champion(name))
			.hasValueSatisfying((champion) -> assertThat(champion.version()).isEqualTo(good.modelVersion()));
	}

	@Test
	void restartsThatEndWellRestoreTheBudgetAndResolveTheIncidents() {
		String name = pipeline("flaky", FLAKY);
		List<RunView> failed = failTwice(name);
		IncidentView failure = OpenIncidents.one(this.incidents, name, IncidentType.TRAINING_FAILURE);

		RunView first = this.runs.restart(failed.get(0).runId(), "tester");
		assertThat(first.outcome()).as("the other run's failure exhausts the budget")
			.isEqualTo(Outcome.AWAITING_APPROVAL);
		assertThat(first.approvalReason()).contains("1 of 1 runs failed");
		IncidentView resolved = this.incidents.find(failure.id());
		assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(resolved.resolvedAt()).isNotNull();
		assertThat(resolved.timeline()).last().satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo("RESOLVED");
			assertThat(entry.actor()).isEqualTo("trainyard");
			assertThat(entry.detail()).contains(first.runId(), "AWAITING_APPROVAL");
		});
		assertThat(budget(name).status()).isEqualTo(BudgetStatus.EXHAUSTED);

		RunView second = this.runs.restart(failed.get(1).runId(), "tester");
		assertThat(second.outcome()).as("the other run no longer failed, its own failure does not count")
			.isEqualTo(Outcome.PROMOTED);
		assertThat(second.approvalReason()).isNull();
		assertThat(budget(name).status()).as("both runs succeeded in the end").isEqualTo(BudgetStatus.HEALTHY);
		assertThat(this.incidents.list("open", name, 10)).isEmpty();
		assertThat(this.slos.approvalRequired(name)).isEmpty();
		assertThat(this.runs.launch(name, "tester").outcome()).isEqualTo(Outcome.PROMOTED);
	}

	@Test
	void aRunThatFailsTransientlyOnceAndCompletesAfterItsRunLevelRestartSpendsNoBudgetAndOpensNoIncident() {
		String name = "restarted";
		TestPipelines.write(this.jobs, name, runRestarts(TestPipelines.synthetic(name, "auto", 0.8), 1) + FLAKY);
		this.store.failWrites((key) -> key.contains("/000030-"), 3, new IOException("connection reset"));

		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(failed.nextAttemptAt()).as("its run-level restart is due").isNotNull();
		assertThat(budget(name).total()).as("a run with a restart due has not finished for good").isZero();
		assertThat(this.incidents.list("open", name, 10)).isEmpty();

		RunView restarted = this.runs.restartAfterTransientFailure(failed.runId());
		assertThat(restarted.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(restarted.restarts()).isEqualTo(1);
		ErrorBudget budget = budget(name);
		assertThat(budget.total()).isEqualTo(1);
		assertThat(budget.good()).isEqualTo(1);
		assertThat(budget.remaining()).isEqualTo(1.0);
		assertThat(this.incidents.list(null, name, 10)).as("no incident was ever opened").isEmpty();
	}

	@Test
	void aStoppedRunAndAFailedRunWithARestartDueCountNeitherAsFailedNorAsFinished(
			@Autowired ApplicationEventPublisher events) {
		String name = pipeline("not-yet", FLAKY);
		events.publishEvent(
				new RunFinished(name, "r-stopped", RunStatus.STOPPED, null, null, null, this.clock.instant(), false));
		events.publishEvent(new RunFinished(name, "r-restarting", RunStatus.FAILED, Outcome.FAILED, null,
				FailureKind.TRANSIENT, this.clock.instant(), true));

		assertThat(budget(name).total()).isZero();
		assertThat(budget(name).remaining()).isEqualTo(1.0);
		assertThat(this.incidents.list(null, name, 10)).isEmpty();

		events.publishEvent(new RunFinished(name, "r-restarting", RunStatus.FAILED, Outcome.FAILED, null,
				FailureKind.TRANSIENT, this.clock.instant(), false));
		assertThat(budget(name).total()).as("its last restart failed: now it has failed for good").isEqualTo(1);
		assertThat(budget(name).good()).isZero();
		assertThat(OpenIncidents.one(this.incidents, name, IncidentType.TRAINING_FAILURE).count()).isEqualTo(1);
	}

	@Test
	void failedPromotionOpensAnIncidentThatTheNextPromotionResolves() {
		String name = "promotion-fails";
		TestPipelines.write(this.jobs, name, runRestarts(TestPipelines.synthetic(name, "auto", 0.8), 0));
		this.runs.launch(name, "tester");
		this.store.failWrites((key) -> key.endsWith("/champion.json"), 1000, new IOException("bucket gone"));
		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		IncidentView promotion = OpenIncidents.one(this.incidents, name, IncidentType.PROMOTION_FAILURE);
		assertThat(promotion.severity()).isEqualTo(Severity.SEV2);
		assertThat(promotion.timeline().get(0).detail()).contains("version " + failed.modelVersion(), "champion.json");

		this.store.heal();
		RunView next = this.runs.launch(name, "tester");
		assertThat(next.outcome()).as("1 of 2 runs failed: the budget policy asks for approval")
			.isEqualTo(Outcome.AWAITING_APPROVAL);
		assertThat(this.approvals.approve(name, next.modelVersion(), "approver", null).outcome())
			.isEqualTo(Outcome.PROMOTED);
		assertThat(this.incidents.find(promotion.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(this.incidents.list("open", name, 10)).extracting(IncidentView::type)
			.as("1 of 3 runs failed: the run-success budget stays spent")
			.containsExactly(IncidentType.ERROR_BUDGET_EXHAUSTED);
	}

	@Test
	void rollingBackToAnOldModelShowsItsAgeAndOpensAFreshnessIncident() {
		String name = pipeline("rolled-back", "freshness: { max-age: 7d, warn-age: 5d }\n");
		RunView old = this.runs.launch(name, "tester");
		Instant oldTrainedAt = this.clock.instant();
		this.clock.advance(Duration.ofDays(60));
		RunView fresh = this.runs.launch(name, "tester");
		assertThat(report(name).status()).isEqualTo(FreshnessStatus.OK);

		this.registry.rollback(name, old.modelVersion(), "approver", "bad predictions");

		SloReport stale = report(name);
		assertThat(stale.status()).isEqualTo(FreshnessStatus.VIOLATED);
		assertThat(stale.modelAgeSeconds()).isEqualTo(Duration.ofDays(60).toSeconds());
		assertThat(stale.trainedAt()).isEqualTo(oldTrainedAt);
		IncidentView freshness = OpenIncidents.one(this.incidents, name, IncidentType.FRESHNESS);
		assertThat(freshness.severity()).isEqualTo(Severity.SEV2);

		this.clock.advance(Duration.ofHours(2));
		this.registry.rollback(name, fresh.modelVersion(), "approver", "back to the fresh one");
		IncidentView resolved = this.incidents.find(freshness.id());
		assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(resolved.maxModelAgeSeconds()).isEqualTo(Duration.ofDays(60).plusHours(2).toSeconds());
		assertThat(this.incidents.review(freshness.id())).contains("Model age reached: 60d 2h");
	}

	/** Two runs of {@code pipeline} that fail writing their checkpoint of round 30. */
	private List<RunView> failTwice(String pipeline) {
		this.store.failWrites((key) -> key.contains("/000030-"), 2, new IllegalStateException("disk on fire"));
		List<RunView> failed = List.of(this.runs.launch(pipeline, "tester"), this.runs.launch(pipeline, "tester"));
		assertThat(failed).extracting(RunView::outcome).containsOnly(Outcome.FAILED);
		return failed;
	}

	private SloReport report(String pipeline) {
		return this.slos.of(this.catalog.get(pipeline));
	}

	private ErrorBudget budget(String pipeline) {
		return report(pipeline).budget(ErrorBudget.RUN_SUCCESS);
	}

	/** {@code yaml} with {@code retry.max-run-restarts} set. */
	private static String runRestarts(String yaml, int restarts) {
		return yaml.replace("max-backoff: 50ms }", "max-backoff: 50ms, max-run-restarts: " + restarts + " }");
	}

	private String pipeline(String name, String extra) {
		TestPipelines.write(this.jobs, name, TestPipelines.synthetic(name, "auto", 0.8) + extra);
		return name;
	}

}
