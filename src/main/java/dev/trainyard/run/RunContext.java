package dev.trainyard.run;

import dev.trainyard.checkpoint.CheckpointRef;
import dev.trainyard.dataset.PreparedData;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.training.TrainingPlan;
import dev.trainyard.training.TrainingSession;
import ml.dmlc.xgboost4j.java.DMatrix;

/**
 * What one run needs in memory while it executes in this process: its definition (as
 * recorded when it started), its data and matrices, and the newest model bytes. Rebuilt
 * from the database and the dataset after a restart.
 */
final class RunContext {

	private final String runId;

	private final PipelineDefinition definition;

	private final PreparedData data;

	private final TrainingPlan plan;

	private final DMatrix train;

	private final DMatrix validation;

	private byte[] model;

	private CheckpointRef modelRef;

	private TrainingSession session;

	RunContext(String runId, PipelineDefinition definition, PreparedData data, TrainingPlan plan, DMatrix train,
			DMatrix validation) {
		this.runId = runId;
		this.definition = definition;
		this.data = data;
		this.plan = plan;
		this.train = train;
		this.validation = validation;
	}

	String runId() {
		return this.runId;
	}

	String pipeline() {
		return this.definition.name();
	}

	PipelineDefinition definition() {
		return this.definition;
	}

	PreparedData data() {
		return this.data;
	}

	TrainingPlan plan() {
		return this.plan;
	}

	DMatrix train() {
		return this.train;
	}

	DMatrix validation() {
		return this.validation;
	}

	byte[] model() {
		return this.model;
	}

	CheckpointRef modelRef() {
		return this.modelRef;
	}

	void model(byte[] model, CheckpointRef ref) {
		this.model = model;
		this.modelRef = ref;
	}

	TrainingSession session() {
		return this.session;
	}

	void session(TrainingSession session) {
		if (this.session != null) {
			this.session.close();
		}
		this.session = session;
	}

	void dispose() {
		session(null);
		this.train.dispose();
		this.validation.dispose();
		this.model = null;
	}

}
