package dev.trainyard.incident;

import java.nio.file.Path;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;
import dev.trainyard.failure.FailureKind;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.OnEveryBackend;
import dev.trainyard.support.StoredBlobs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run's job tells the incidents, for real, on every backend: a candidate worse
 * than the champion, a rejected dataset and a corrupt checkpoint each open their
 * incident, and the next run that gets past them resolves it. (The error-budget policy is
 * off here, so that good runs promote.)
 */
@TrainyardTest(properties = "trainyard.slo.policy.require-approval-when-exhausted=false")
@OnEveryBackend
class RunSignalsJobTests {

	final Path jobs = TestDirs.jobs(getClass());

	@Autowired
	Runs runs;

	@Autowired
	FaultyBlobStore store;

	@Autowired
	Incidents incidents;

	@Test
	void aCandidateWorseThanTheChampionOpensAModelDegradationIncident() {
		String good = TestPipelines.synthetic("degrades", "auto", 0.5);
		pipeline("degrades", good);
		assertThat(this.runs.launch("degrades", "tester").outcome()).isEqualTo(Outcome.PROMOTED);

		pipeline("degrades", good.replace("max_depth: 3, eta: 0.3", "max_depth: 1, eta: 0.01"));
		RunView worse = this.runs.launch("degrades", "tester");
		assertThat(worse.outcome()).isEqualTo(Outcome.REJECTED);
		IncidentView degradation = OpenIncidents.one(this.incidents, "degrades", IncidentType.MODEL_DEGRADATION);
		assertThat(degradation.severity()).isEqualTo(Severity.SEV3);
		assertThat(degradation.timeline().get(0).detail()).contains(worse.runId(), "auc");

		pipeline("degrades", good);
		assertThat(this.runs.launch("degrades", "tester").outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.incidents.find(degradation.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
	}

	@Test
	void aCandidateThatOnlyMissesAnAbsoluteBoundIsNoDegradation() {
		pipeline("misses-bound", TestPipelines.synthetic("misses-bound", "auto", 0.9999));
		assertThat(this.runs.launch("misses-bound", "tester").outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(OpenIncidents.types(this.incidents, "misses-bound")).isEmpty();
	}

	@Test
	void aRejectedDatasetOpensADataQualityIncidentThatAGoodRunResolves() {
		String good = TestPipelines.synthetic("bad-data", "auto", 0.5);
		pipeline("bad-data", good.replace("label: label", "label: lable"));
		RunView failed = this.runs.launch("bad-data", "tester");
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(failed.failureKind()).isEqualTo(FailureKind.INVALID_INPUT);
		IncidentView quality = OpenIncidents.one(this.incidents, "bad-data", IncidentType.DATA_QUALITY);
		assertThat(quality.timeline().get(0).detail()).contains(failed.runId(), "lable");

		pipeline("bad-data", good);
		assertThat(this.runs.launch("bad-data", "tester").outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.incidents.find(quality.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
	}

	@Test
	void aFailureThatIsNotAboutTheDataIsNoDataQualityIncident() {
		pipeline("not-the-data", TestPipelines.synthetic("not-the-data", "auto", 0.5));
		this.store.crashWritingCheckpoint(30);
		assertThat(this.runs.launch("not-the-data", "tester").outcome()).isEqualTo(Outcome.FAILED);
		assertThat(OpenIncidents.types(this.incidents, "not-the-data"))
			.containsExactlyInAnyOrder(IncidentType.TRAINING_FAILURE, IncidentType.ERROR_BUDGET_EXHAUSTED);
	}

	@Test
	void aCorruptCheckpointOpensACheckpointCorruptionIncident(@Autowired Checkpoints checkpoints) {
		pipeline("corrupt-checkpoint", TestPipelines.synthetic("corrupt-checkpoint", "auto", 0.8));
		this.store.crashWritingCheckpoint(30);
		RunView failed = this.runs.launch("corrupt-checkpoint", "tester");
		CheckpointRef newest = checkpoints.list(failed.runId()).get(0);
		StoredBlobs.flipAByte(newest.location());

		RunView resumed = this.runs.restart(failed.runId(), "tester");
		assertThat(resumed.resumedFromRound()).isEqualTo(10);
		assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);

		IncidentView corruption = OpenIncidents.one(this.incidents, "corrupt-checkpoint",
				IncidentType.CHECKPOINT_CORRUPTION);
		assertThat(corruption.timeline().get(0).detail()).contains(failed.runId(), "round 20", newest.location());
		assertThat(this.incidents.list(null, "corrupt-checkpoint", 10))
			.filteredOn((incident) -> incident.type() == IncidentType.TRAINING_FAILURE)
			.singleElement()
			.satisfies((incident) -> assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED));
	}

	private void pipeline(String name, String yaml) {
		TestPipelines.write(this.jobs, name, yaml);
	}

}
