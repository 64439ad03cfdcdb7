package dev.trainyard.incident;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.incident.IncidentView.TimelineEntry;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.slo.BudgetStatus;
import dev.trainyard.slo.ErrorBudget;
import dev.trainyard.slo.ErrorBudgetPolicy;
import dev.trainyard.slo.FreshnessStatus;
import dev.trainyard.slo.SloReport;
import dev.trainyard.slo.Slos;
import dev.trainyard.store.BlobStore;
import dev.trainyard.support.Backend;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.MutableClock;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's incident paths, for real: failed runs, a failed promotion, a corrupt
 * checkpoint and a champion change open, repeat and resolve incidents, and spend and
 * restore error budgets, on every backend.
 */
@TrainyardTest
@OnEveryBackend
@Import(MutableClock.Config.class)
class IncidentJobTests {

	final Path root = TestDirs.root(getClass());

	@Autowired
	Runs runs;

	@Autowired
	ModelRegistry registry;

	@Autowired
	Checkpoints checkpoints;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	Incidents incidents;

	@Autowired
	Slos slos;

	@Autowired
	ErrorBudgetPolicy policy;

	@Autowired
	PipelineCatalog catalog;

	@Autowired
	MutableClock clock;

	@AfterEach
	void heal() {
		this.store.heal();
	}

	@Test
	void runsOnTheBackendOfThisTestRun(@Autowired JdbcTemplate jdbc, @Autowired BlobStore store) {
		Backend.current().assertInUse(jdbc, store);
	}

	@Test
	void failedRunsAreOneIncidentAndExhaustTheBudgetUntilTheirRestartsSucceed() {
		String name = pipeline("flaky", "slo: { run-success: { target: 0.9, window: 30d } }\n");
		this.store.failWrites((key) -> key.contains("/000030-"), 2, new IllegalStateException("disk on fire"));
		RunView first = this.runs.launch(name, "tester");
		RunView second = this.runs.launch(name, "tester");
		assertThat(List.of(first.outcome(), second.outcome())).containsOnly(Outcome.FAILED);

		IncidentView failure = open(name, IncidentType.TRAINING_FAILURE);
		assertThat(failure.count()).isEqualTo(2);
		assertThat(failure.runsFailed()).isEqualTo(2);
		assertThat(failure.severity()).isEqualTo(Severity.SEV3);
		assertThat(failure.timeline()).extracting(TimelineEntry::action).containsExactly("DETECTED", "REPEATED");
		assertThat(failure.timeline().get(1).detail()).contains(second.runId());
		assertThat(failure.runbook().immediateActions()).isNotEmpty();
		assertThat(budget(name).status()).isEqualTo(BudgetStatus.EXHAUSTED);
		assertThat(open(name, IncidentType.ERROR_BUDGET_EXHAUSTED).severity()).isEqualTo(Severity.SEV2);
		assertThat(this.policy.approvalRequired(name)).hasValueSatisfying(
				(reason) -> assertThat(reason).startsWith("run-success error budget exhausted (remaining -9.0"));

		assertThat(this.runs.restart(first.runId(), "tester").outcome()).isEqualTo(Outcome.PROMOTED);
		IncidentView resolved = this.incidents.find(failure.id());
		assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(resolved.resolvedAt()).isNotNull();
		assertThat(resolved.timeline()).last().satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo("RESOLVED");
			assertThat(entry.actor()).isEqualTo("trainyard");
			assertThat(entry.detail()).contains(first.runId(), "PROMOTED");
		});
		assertThat(budget(name).status()).isEqualTo(BudgetStatus.EXHAUSTED);

		assertThat(this.runs.restart(second.runId(), "tester").outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(budget(name).status()).as("both runs succeeded in the end").isEqualTo(BudgetStatus.HEALTHY);
		assertThat(this.incidents.list("open", name, 10)).isEmpty();
		assertThat(this.policy.approvalRequired(name)).isEmpty();
	}

	@Test
	void corruptCheckpointOpensACheckpointCorruptionIncident() {
		String name = pipeline("corrupt-checkpoint", "");
		this.store.failWrites((key) -> key.contains("/000030-"), 1, new IllegalStateException("crash"));
		RunView failed = this.runs.launch(name, "tester");
		CheckpointRef newest = this.checkpoints.list(failed.runId()).get(0);
		StoredBlobs.flipAByte(newest.location());

		assertThat(this.runs.restart(failed.runId(), "tester").resumedFromRound()).isEqualTo(10);

		IncidentView corruption = open(name, IncidentType.CHECKPOINT_CORRUPTION);
		assertThat(corruption.timeline().get(0).detail()).contains(failed.runId(), "round 20", newest.location());
		assertThat(this.incidents.list(null, name, 10)).filteredOn((i) -> i.type() == IncidentType.TRAINING_FAILURE)
			.singleElement()
			.satisfies((incident) -> assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED));
	}

	@Test
	void failedPromotionOpensAnIncidentThatTheNextPromotionResolves() {
		String name = pipeline("promotion-fails", "");
		this.runs.launch(name, "tester");
		this.store.failWrites((key) -> key.endsWith("/champion.json"), 1000, new java.io.IOException("bucket gone"));
		RunView failed = this.runs.launch(name, "tester");
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		IncidentView promotion = open(name, IncidentType.PROMOTION_FAILURE);
		assertThat(promotion.severity()).isEqualTo(Severity.SEV2);
		assertThat(promotion.timeline().get(0).detail()).contains("version " + failed.modelVersion(), "champion.json");

		this.store.heal();
		assertThat(this.runs.launch(name, "tester").outcome()).isEqualTo(Outcome.PROMOTED);
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
		IncidentView freshness = open(name, IncidentType.FRESHNESS);
		assertThat(freshness.severity()).isEqualTo(Severity.SEV2);

		this.clock.advance(Duration.ofHours(2));
		this.registry.rollback(name, fresh.modelVersion(), "approver", "back to the fresh one");
		IncidentView resolved = this.incidents.find(freshness.id());
		assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(resolved.maxModelAgeSeconds()).isEqualTo(Duration.ofDays(60).plusHours(2).toSeconds());
		assertThat(this.incidents.review(freshness.id())).contains("Model age reached: 60d 2h");
	}

	private IncidentView open(String pipeline, IncidentType type) {
		List<IncidentView> open = this.incidents.list("open", pipeline, 50)
			.stream()
			.filter((incident) -> incident.type() == type)
			.toList();
		assertThat(open).as("open %s incidents of %s", type, pipeline).hasSize(1);
		return open.get(0);
	}

	private SloReport report(String pipeline) {
		return this.slos.of(this.catalog.get(pipeline));
	}

	private ErrorBudget budget(String pipeline) {
		return report(pipeline).budget(ErrorBudget.RUN_SUCCESS);
	}

	private String pipeline(String name, String extra) {
		TestPipelines.write(this.root.resolve("jobs"), name, TestPipelines.synthetic(name, "auto", 0.8) + extra);
		return name;
	}

}
