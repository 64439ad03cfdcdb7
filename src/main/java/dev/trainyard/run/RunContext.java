package dev.trainyard.run;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.TrainingSession;

/**
 * What one job execution of a run keeps in memory: its definition (as recorded when the
 * run started), its training plan and data once a step needed them, and the newest model
 * with the checkpoint it was written as. Belongs to that execution alone and is closed
 * with it, so no other execution of the run ever sees its native XGBoost objects.
 */
final class RunContext implements AutoCloseable {

	private final String runId;

	private final long executionId;

	private final PipelineDefinition definition;

	private TrainingPlan plan;

	private TrainingData data;

	private byte[] model;

	private CheckpointRef modelRef;

	private TrainingSession session;

	private boolean closed;

	RunContext(String runId, long executionId, PipelineDefinition definition) {
		this.runId = runId;
		this.executionId = executionId;
		this.definition = definition;
	}

	String runId() {
		return this.runId;
	}

	long executionId() {
		return this.executionId;
	}

	String pipeline() {
		return this.definition.name();
	}

	PipelineDefinition definition() {
		return this.definition;
	}

	synchronized TrainingPlan plan() {
		return this.plan;
	}

	synchronized void plan(TrainingPlan plan) {
		this.plan = plan;
	}

	synchronized TrainingData data() {
		return this.data;
	}

	synchronized void data(TrainingData data) {
		requireOpen();
		this.data = data;
	}

	synchronized byte[] model() {
		return this.model;
	}

	synchronized CheckpointRef modelRef() {
		return this.modelRef;
	}

	synchronized void model(byte[] model, CheckpointRef ref) {
		this.model = model;
		this.modelRef = ref;
	}

	synchronized TrainingSession session() {
		return this.session;
	}

	synchronized void session(TrainingSession session) {
		requireOpen();
		if (this.session != null) {
			this.session.close();
		}
		this.session = session;
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.session != null) {
			this.session.close();
			this.session = null;
		}
		if (this.data != null) {
			this.data.close();
			this.data = null;
		}
		this.model = null;
	}

	private void requireOpen() {
		if (this.closed) {
			throw new IllegalStateException("the context of execution " + this.executionId + " of run " + this.runId
					+ " is closed: its execution ended");
		}
	}

}
