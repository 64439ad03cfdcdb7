package dev.trainyard.slo;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.support.MutableClock;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the run-success budget is exhausted, approval is required, with the reason in
 * words; it ends when the budget recovers, and the setting turns it off.
 */
@TrainyardTest
@Import(MutableClock.Config.class)
class ErrorBudgetPolicyTests {

	@Autowired
	RunOutcomes outcomes;

	@Autowired
	Slos slos;

	@Autowired
	ErrorBudgets budgets;

	@Autowired
	PipelineCatalog catalog;

	@Autowired
	MutableClock clock;

	final Path jobs = TestDirs.jobs(getClass());

	@Test
	void exhaustedRunSuccessBudgetRequiresApprovalUntilItRecovers() {
		pipeline("strict", "slo: { run-success: { target: 0.9, window: 7d } }\n");
		this.outcomes.record("strict", "strict-1", "PROMOTED", this.clock.instant());
		assertThat(this.slos.approvalRequired("strict")).isEmpty();

		this.clock.advance(Duration.ofDays(1));
		this.outcomes.record("strict", "strict-2", "FAILED", this.clock.instant());
		assertThat(this.slos.approvalRequired("strict"))
			.hasValue("run-success error budget exhausted (remaining -4.0: 1 of 2 runs failed in PT168H, target 0.9)");
		assertThat(this.slos.approvalRequired(this.catalog.get("strict"), "strict-3")).isPresent();

		this.clock.advance(Duration.ofDays(7).minusHours(1));
		assertThat(this.slos.approvalRequired("strict")).as("r1 left the window").isPresent();
		this.clock.advance(Duration.ofHours(2));
		assertThat(this.slos.approvalRequired("strict")).as("r2 left the window too").isEmpty();
	}

	@Test
	void aRunThatFailedAndThenSucceededCountsOnceAsASuccess() {
		pipeline("retried", "");
		this.outcomes.record("retried", "retried-1", "FAILED", this.clock.instant());
		assertThat(this.slos.approvalRequired("retried")).isPresent();
		this.outcomes.record("retried", "retried-1", "AWAITING_APPROVAL", this.clock.instant());
		ErrorBudget budget = this.budgets.runSuccess(this.catalog.get("retried"), this.clock.instant());
		assertThat(budget.total()).isEqualTo(1);
		assertThat(budget.status()).isEqualTo(BudgetStatus.HEALTHY);
		assertThat(this.slos.approvalRequired("retried")).isEmpty();
	}

	@Test
	void aRestartedRunIsNotHeldBackByItsOwnFailedAttempt() {
		pipeline("restarted", "");
		this.outcomes.record("restarted", "restarted-1", "FAILED", this.clock.instant());
		assertThat(this.slos.approvalRequired(this.catalog.get("restarted"), "restarted-1")).isEmpty();
		assertThat(this.slos.approvalRequired(this.catalog.get("restarted"), "restarted-2"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("1 of 1 runs failed"));
	}

	@Test
	void aPipelineWithoutAFileUsesTheDefaultObjective() {
		this.outcomes.record("gone", "gone-1", "FAILED", this.clock.instant());
		assertThat(this.slos.approvalRequired("gone"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("1 of 1 runs failed in PT720H, target 0.95"));
	}

	@Test
	void theSettingTurnsThePolicyOff(@Autowired Freshness freshness) {
		this.outcomes.record("relaxed", "relaxed-1", "FAILED", this.clock.instant());
		Slos off = new Slos(this.catalog, freshness, this.budgets, this.clock,
				new SloProperties(Duration.ofMinutes(1), new SloProperties.Policy(false)));
		assertThat(this.slos.approvalRequired("relaxed")).isPresent();
		assertThat(off.approvalRequired("relaxed")).isEmpty();
	}

	@Test
	void budgetStatusesFollowTheShareLeft() {
		assertThat(BudgetStatus.of(1.0)).isEqualTo(BudgetStatus.HEALTHY);
		assertThat(BudgetStatus.of(0.5)).isEqualTo(BudgetStatus.HEALTHY);
		assertThat(BudgetStatus.of(0.49)).isEqualTo(BudgetStatus.WARNING);
		assertThat(BudgetStatus.of(0.24)).isEqualTo(BudgetStatus.CRITICAL);
		assertThat(BudgetStatus.of(0.0)).isEqualTo(BudgetStatus.EXHAUSTED);
		assertThat(BudgetStatus.of(-9.0)).isEqualTo(BudgetStatus.EXHAUSTED);
	}

	private void pipeline(String name, String extra) {
		TestPipelines.write(this.jobs, name, TestPipelines.synthetic(name, "auto", 0.5) + extra);
	}

}
