package dev.trainyard.promotion;

import java.time.Instant;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.VersionState;
import dev.trainyard.registry.VersionStateException;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunConflictException;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A manual pipeline whose process is killed anywhere between training's end and
 * promotion: the gate runs again on the next execution and goes on from what it decided
 * (its registered version's state), so it never asks twice, never gets stuck, and
 * promotes at most once.
 */
@TrainyardTest
@OnEveryBackend
class ApprovalAfterACrashTests {

	@Autowired
	Runs runs;

	@Autowired
	Approvals approvals;

	@Autowired
	ModelRegistry registry;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void killedJustAfterRegistrationAndApprovedPromotesWithOneApproval() throws Exception {
		RunView waiting = killedInTheGate("approved-after-kill");

		RunView promoted = this.approvals.approve("approved-after-kill", waiting.modelVersion(), "approver", "ok");

		assertThat(promoted.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(promoted.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.registry.find("approved-after-kill", waiting.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.PROMOTED);
		assertThat(this.registry.history("approved-after-kill")).singleElement();
		assertThat(this.registry.versions("approved-after-kill")).singleElement();
	}

	@Test
	void killedJustAfterRegistrationAndResumedWaitsForTheSameApprovalAgain() throws Exception {
		RunView killed = killedInTheGate("resumed-after-kill");

		RunView resumed = this.runs.resumeLatest("resumed-after-kill", "operator");

		assertThat(resumed.status()).isEqualTo(RunStatus.STOPPED);
		assertThat(resumed.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);
		assertThat(resumed.modelVersion()).isEqualTo(killed.modelVersion());
		assertThat(this.registry.versions("resumed-after-kill")).singleElement()
			.satisfies((version) -> assertThat(version.state()).isEqualTo(VersionState.AWAITING_APPROVAL));
		assertThat(this.approvals.approve("resumed-after-kill", killed.modelVersion(), "approver", null).outcome())
			.isEqualTo(Outcome.PROMOTED);
	}

	@Test
	void killedJustAfterRegistrationAndRejectedEndsForGood() throws Exception {
		RunView killed = killedInTheGate("rejected-after-kill");

		this.approvals.reject("rejected-after-kill", killed.modelVersion(), "approver", "no");

		RunView rejected = this.runs.find(killed.runId()).orElseThrow();
		assertThat(rejected.status()).isEqualTo(RunStatus.ABANDONED);
		assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
		assertThatExceptionOfType(VersionStateException.class)
			.isThrownBy(() -> this.approvals.approve("rejected-after-kill", killed.modelVersion(), "approver", null));
		assertThat(this.runs.resumeLatest("rejected-after-kill", "operator").outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(this.registry.champion("rejected-after-kill")).isEmpty();
	}

	@Test
	void killedWhilePromotingAfterTheApprovalResumesToOnePromotion() throws Exception {
		RunView waiting = this.runs.launch(manual("killed-in-promote"), "operator");
		RunView promoted = this.approvals.approve("killed-in-promote", waiting.modelVersion(), "approver", null);
		assertThat(promoted.outcome()).isEqualTo(Outcome.PROMOTED);
		KilledRuns.leave(this.jdbc, waiting.runId(), "promote", KilledRuns.finishedProcess().pid(), Instant.now());

		RunView resumed = this.runs.resumeLatest("killed-in-promote", "operator");

		assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.registry.history("killed-in-promote")).singleElement();
	}

	@Test
	void rejectingARunThatIsExecutingIsRefusedAndTheVersionStaysUndecided() {
		RunView waiting = this.runs.launch(manual("still-executing"), "operator");
		KilledRuns.leave(this.jdbc, waiting.runId(), "gate", 1,
				ProcessHandle.of(1).orElseThrow().info().startInstant().orElseThrow());

		assertThatExceptionOfType(RunConflictException.class)
			.isThrownBy(() -> this.approvals.reject("still-executing", waiting.modelVersion(), "approver", null))
			.withMessageContaining("still running");
		assertThat(this.registry.find("still-executing", waiting.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.AWAITING_APPROVAL);
	}

	@Test
	void expiryGoesOnPastARequestItCannotEndAndLeavesItUndecided() {
		RunView held = this.runs.launch(manual("expiry-held", "approval-timeout: 1ms"), "operator");
		RunView free = this.runs.launch(manual("expiry-free", "approval-timeout: 1ms"), "operator");
		KilledRuns.leave(this.jdbc, held.runId(), "gate", 1,
				ProcessHandle.of(1).orElseThrow().info().startInstant().orElseThrow());

		assertThat(this.approvals.expireOverdue()).isEqualTo(1);

		assertThat(this.registry.find("expiry-held", held.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.AWAITING_APPROVAL);
		assertThat(this.registry.find("expiry-free", free.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.EXPIRED);
		assertThat(this.runs.find(free.runId()).orElseThrow().outcome()).isEqualTo(Outcome.REJECTED);
	}

	@Test
	void aNewerCandidateDoesNotFailWhenItCannotSupersedeAnOlderOne() {
		RunView older = this.runs.launch(manual("supersede-held"), "operator");
		KilledRuns.leave(this.jdbc, older.runId(), "gate", 1,
				ProcessHandle.of(1).orElseThrow().info().startInstant().orElseThrow());

		RunView newer = this.runs.launch("supersede-held", "operator");

		assertThat(newer.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);
		assertThat(this.registry.find("supersede-held", older.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.AWAITING_APPROVAL);
	}

	private RunView killedInTheGate(String name) throws Exception {
		RunView waiting = this.runs.launch(manual(name), "operator");
		assertThat(waiting.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);
		KilledRuns.leave(this.jdbc, waiting.runId(), "gate", KilledRuns.finishedProcess().pid(), Instant.now());
		assertThat(this.runs.find(waiting.runId()).orElseThrow().status()).isEqualTo(RunStatus.STARTED);
		return waiting;
	}

	private String manual(String name) {
		return manual(name, null);
	}

	private String manual(String name, String promotionExtra) {
		String yaml = TestPipelines.synthetic(name, "manual", 0.8);
		if (promotionExtra != null) {
			yaml = yaml.replace("promotion: { approval: manual }",
					"promotion: { approval: manual, " + promotionExtra + " }");
		}
		TestPipelines.write(TestDirs.jobs(getClass()), name, yaml);
		return name;
	}

}
