package dev.trainyard.promotion;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.VersionState;
import dev.trainyard.registry.VersionStateException;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunConflictException;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.store.BlobStore;
import dev.trainyard.support.InUseBackend;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Approval, rejection, four-eyes rule, supersession and expiry, on the default database
 * (H2); {@link ApprovalFlowOnPostgresS3Tests} runs them on PostgreSQL and S3.
 */
@TrainyardTest
@OnEveryBackend
class ApprovalFlowTests implements InUseBackend {

	final Path root = TestDirs.root(getClass());

	@Autowired
	Runs runs;

	@Autowired
	Approvals approvals;

	@Autowired
	ModelRegistry registry;

	@Test
	void approvalContinuesTheSameRunAtPromoteAndPublishesTheChampion(@Autowired BlobStore store) throws Exception {
		RunView waiting = this.runs.launch(manual("approve-me", ""), "operator");
		assertThat(waiting.outcome()).isEqualTo(Outcome.AWAITING_APPROVAL);

		RunView promoted = this.approvals.approve("approve-me", waiting.modelVersion(), "approver", "looks good");
		assertThat(promoted.runId()).isEqualTo(waiting.runId());
		assertThat(promoted.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(promoted.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(promoted.steps()).extracting(RunView.StepView::name).endsWith("gate", "promote");
		assertThat(this.registry.champion("approve-me")).hasValueSatisfying((champion) -> {
			assertThat(champion.version()).isEqualTo(waiting.modelVersion());
			assertThat(champion.decidedBy()).isEqualTo("approver");
			assertThat(champion.decisionComment()).isEqualTo("looks good");
		});
		assertThat(this.registry.history("approve-me")).singleElement().satisfies((change) -> {
			assertThat(change.actor()).isEqualTo("approver");
			assertThat(change.reason()).isEqualTo("looks good");
		});
		String pointer = StoredBlobs.read(store, "models/approve-me/champion.json");
		assertThat(pointer).contains("\"version\":" + waiting.modelVersion()).contains(promoted.modelSha256());
		assertThat(store.exists("models/approve-me/" + waiting.modelVersion() + "/model.json")).isTrue();
	}

	@Test
	void rejectionEndsTheRunAndTheVersionCannotBeApprovedAfterwards() {
		RunView waiting = this.runs.launch(manual("reject-me", ""), "operator");
		this.approvals.reject("reject-me", waiting.modelVersion(), "approver", "too risky");

		RunView rejected = this.runs.find(waiting.runId()).orElseThrow();
		assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(rejected.status()).isEqualTo(RunStatus.ABANDONED);
		assertThatExceptionOfType(VersionStateException.class)
			.isThrownBy(() -> this.approvals.approve("reject-me", waiting.modelVersion(), "approver", null))
			.satisfies((ex) -> assertThat(ex.state()).isEqualTo(VersionState.REJECTED));
		assertThatExceptionOfType(VersionStateException.class)
			.isThrownBy(() -> this.approvals.reject("reject-me", waiting.modelVersion(), "approver", null));
		assertThatExceptionOfType(RunConflictException.class)
			.isThrownBy(() -> this.runs.restart(waiting.runId(), "operator"));
		assertThat(this.registry.champion("reject-me")).isEmpty();
	}

	@Test
	void fourEyesRuleStopsTheLauncherFromApproving() {
		RunView waiting = this.runs.launch(manual("four-eyes", "require-distinct-approver: true"), "alice");
		assertThatExceptionOfType(FourEyesException.class)
			.isThrownBy(() -> this.approvals.approve("four-eyes", waiting.modelVersion(), "alice", null));
		assertThat(this.registry.find("four-eyes", waiting.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.AWAITING_APPROVAL);
		assertThat(this.approvals.approve("four-eyes", waiting.modelVersion(), "bob", null).outcome())
			.isEqualTo(Outcome.PROMOTED);
	}

	@Test
	void newerCandidateSupersedesAPendingOne() {
		RunView first = this.runs.launch(manual("supersede", ""), "operator");
		RunView second = this.runs.launch("supersede", "operator");
		assertThat(this.registry.find("supersede", first.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.SUPERSEDED);
		assertThat(this.runs.find(first.runId()).orElseThrow().outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(this.registry.find("supersede", second.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.AWAITING_APPROVAL);
	}

	@Test
	void unansweredRequestExpires() {
		RunView waiting = this.runs.launch(manual("expires", "approval-timeout: 1s"), "operator");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.approvals.expireOverdue() > 0);
		assertThat(this.registry.find("expires", waiting.modelVersion()).orElseThrow().state())
			.isEqualTo(VersionState.EXPIRED);
		assertThat(this.runs.find(waiting.runId()).orElseThrow().outcome()).isEqualTo(Outcome.REJECTED);
	}

	private String manual(String name, String promotionExtra) {
		String yaml = TestPipelines.synthetic(name, "manual", 0.8);
		if (!promotionExtra.isEmpty()) {
			yaml = yaml.replace("promotion: { approval: manual }",
					"promotion: { approval: manual, " + promotionExtra + " }");
		}
		TestPipelines.write(this.root.resolve("jobs"), name, yaml);
		return name;
	}

}
