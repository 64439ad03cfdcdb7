package dev.trainyard.run;

import dev.trainyard.checkpoint.CheckpointCorruptException;
import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.checkpoint.Checkpoints;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * The trained candidate of a run, through one channel: the final checkpoint that
 * {@code train} named in the job's context (round and SHA-256), from memory when this
 * execution trained it, else read back and verified.
 */
@Component
class CandidateModels {

	private final Checkpoints checkpoints;

	CandidateModels(Checkpoints checkpoints) {
		this.checkpoints = checkpoints;
	}

	byte[] model(RunContext run, ExecutionContext job) {
		String sha256 = job.getString(RunKeys.MODEL_SHA256);
		int round = job.getInt(RunKeys.MODEL_ROUND);
		byte[] model = run.model();
		if (model != null && run.modelRef() != null && run.modelRef().sha256().equals(sha256)) {
			return model;
		}
		for (CheckpointRef ref : this.checkpoints.list(run.runId())) {
			if (ref.round() == round && ref.sha256().equals(sha256) && !ref.corrupt() && !ref.deleted()) {
				byte[] bytes = this.checkpoints.read(ref);
				run.model(bytes, ref);
				return bytes;
			}
		}
		throw new CheckpointCorruptException(
				"the trained model of run " + run.runId() + " (the checkpoint at round " + round + ", SHA-256 " + sha256
						+ ") is no longer in the store; this run cannot go on: launch a new run");
	}

}
