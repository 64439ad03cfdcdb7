package dev.trainyard.run;

import dev.trainyard.checkpoint.CheckpointCorruptException;
import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * The trained candidate of a run: the final checkpoint, read back and verified when it is
 * not in memory (after a restart).
 */
@Component
class CandidateModels {

	private final Checkpoints checkpoints;

	CandidateModels(Checkpoints checkpoints) {
		this.checkpoints = checkpoints;
	}

	byte[] model(RunContext run, ExecutionContext job) {
		String sha256 = job.getString(RunKeys.MODEL_SHA256);
		if (run.model() != null && run.modelRef().sha256().equals(sha256)) {
			return run.model();
		}
		int round = job.getInt(RunKeys.MODEL_ROUND);
		for (CheckpointRef ref : this.checkpoints.list(run.runId())) {
			if (ref.round() == round && ref.sha256().equals(sha256) && !ref.corrupt()) {
				byte[] model = this.checkpoints.read(ref);
				run.model(model, ref);
				return model;
			}
		}
		throw new CheckpointCorruptException("the final checkpoint (round " + round + ", SHA-256 " + sha256
				+ ") of run " + run.runId() + " is missing; restart the run to train it again");
	}

}
