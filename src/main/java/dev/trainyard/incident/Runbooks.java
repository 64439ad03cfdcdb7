package dev.trainyard.incident;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Trainyard's runbook for each incident type: the signals that open it, what usually
 * causes it, what to do now, how to investigate and whom to escalate to.
 */
final class Runbooks {

	private static final Map<IncidentType, Runbook> RUNBOOKS = new EnumMap<>(IncidentType.class);

	static {
		RUNBOOKS.put(IncidentType.TRAINING_FAILURE, new Runbook(
				List.of("A run ended FAILED after its in-step retries",
						"trainyard_runs_total{outcome=\"FAILED\"} grows", "The run-success error budget burns"),
				List.of("The store (files or S3) or the database unavailable for longer than the retries",
						"XGBoost rejecting its parameters or running out of memory",
						"A command trainer exiting non-zero or timing out", "A killed process (kill -9, OOM killer)"),
				List.of("Read the run's error: GET /api/runs/{runId} (steps, actions)",
						"If the cause was transient, restart it: POST /api/runs/{runId}/restart or `trainyard resume <pipeline>`",
						"The champion keeps serving; check its age on GET /api/slo"),
				List.of("Compare with the pipeline's last successful run: what changed in the file, data or parameters?",
						"Check the store and database health around the failure time",
						"Look for OOM kills and heap or native-memory limits of the host",
						"For a command trainer, read GET /api/runs/{runId}/logs"),
				List.of("ML engineer on call", "Pipeline owner", "Platform on call (store, database)")));
		RUNBOOKS.put(IncidentType.DATA_QUALITY, new Runbook(
				List.of("A run's dataset was rejected (file, line and field in the message)",
						"Runs fail at prepare-data"),
				List.of("An upstream export changed its schema or label column", "Empty or truncated files",
						"Non-numeric values in feature columns", "The dataset changed while a run was being resumed"),
				List.of("Read the rejection: it names the file, line and field",
						"Stop scheduled retraining until the data is fixed if every run will fail",
						"Tell the team that produces the dataset"),
				List.of("Diff the header and a sample of rows with the last dataset that trained",
						"Check the producing job's logs and recent schema changes",
						"Check the label's values for the objective (0/1, 0..k-1, numbers)"),
				List.of("Data engineer on call", "ML engineer on call", "Data platform lead")));
		RUNBOOKS.put(IncidentType.MODEL_DEGRADATION, new Runbook(
				List.of("A candidate failed a gate that compares it with the champion (max-regression)",
						"Runs end REJECTED"),
				List.of("Drift in the new training data", "A labelling problem upstream",
						"Changed parameters or a smaller dataset", "The champion was evaluated on different rows"),
				List.of("Keep the champion; do not approve the rejected candidate",
						"Look at the candidate's and the champion's metrics: GET /api/models/{pipeline}/versions"),
				List.of("Compare feature distributions of the new and the champion's dataset (fingerprints differ?)",
						"Check label balance and missing values",
						"Re-run the champion's configuration on the new data to separate data from parameters"),
				List.of("ML engineer on call", "Model owner", "ML tech lead")));
		RUNBOOKS.put(IncidentType.FRESHNESS,
				new Runbook(
						List.of("The champion is older than freshness.max-age (SEV2) or warn-age (SEV4)",
								"trainyard_model_age_seconds > trainyard_model_freshness_max_age_seconds"),
						List.of("The schedule stopped (no server, scheduling disabled, cron changed)",
								"Runs fail or are rejected, so no new model is promoted",
								"A candidate waits for approval", "A rollback to an old version"),
						List.of("Check the latest runs: GET /api/runs?pipeline={pipeline}",
								"Launch a run: POST /api/pipelines/{pipeline}/runs",
								"Approve a waiting candidate if its evidence is good"),
						List.of("Is a server running with trainyard.scheduling.enabled=true?",
								"Do the latest runs fail (see TRAINING_FAILURE incidents) or get rejected?",
								"Was the champion rolled back? GET /api/models/{pipeline}/history"),
						List.of("ML engineer on call", "Pipeline owner", "ML engineering manager")));
		RUNBOOKS.put(IncidentType.PROMOTION_FAILURE,
				new Runbook(
						List.of("Publishing a new champion failed after its retries; the run failed",
								"The serving pointer still names the previous champion"),
						List.of("The store refused the pointer or the artifact (permissions, outage)",
								"The artifact no longer matches its SHA-256", "The database commit failed"),
						List.of("Confirm production serves the previous champion: GET /api/models/{pipeline}/history",
								"Fix the store, then restart the run: it continues at promote"),
						List.of("Check the store's availability and permissions for models/<pipeline>/",
								"Verify the artifact's SHA-256 against the version's record",
								"Look for database errors at the failure time"),
						List.of("Platform on call (store, database)", "ML engineer on call", "Platform lead")));
		RUNBOOKS.put(IncidentType.CHECKPOINT_CORRUPTION, new Runbook(
				List.of("A stored checkpoint did not verify (missing, wrong size or SHA-256) and was marked corrupt",
						"A resume continued from an older checkpoint"),
				List.of("Bit rot or a partial write in the store", "A lifecycle rule or person deleted objects",
						"Two deployments writing to one prefix"),
				List.of("Nothing to do for the run: it used the newest checkpoint that verifies",
						"Protect the store: stop any cleanup job touching checkpoints/"),
				List.of("Compare the object's size and SHA-256 with GET /api/runs/{runId} (checkpoints)",
						"Check the store's access logs for deletes or overwrites",
						"Check that only one Trainyard deployment uses the bucket and prefix"),
				List.of("Platform on call (store)", "ML engineer on call", "Security, if objects were tampered with")));
		RUNBOOKS.put(IncidentType.ERROR_BUDGET_EXHAUSTED, new Runbook(
				List.of("trainyard_error_budget_remaining_ratio <= 0 for run-success (SEV2) or freshness (SEV1)",
						"approval: auto pipelines now wait for approval (error-budget policy)"),
				List.of("Repeated failed runs in the window", "A model stale for long stretches of the window"),
				List.of("Freeze risky changes to the pipeline until the budget recovers",
						"Review and approve candidates by hand: GET /api/models/{pipeline}/versions",
						"Work the open TRAINING_FAILURE and FRESHNESS incidents first"),
				List.of("Which runs failed in the window, and why? GET /api/runs?pipeline={pipeline}&status=FAILED",
						"Is the objective realistic for this pipeline (slo: block)?"),
				List.of("ML engineer on call", "Pipeline owner", "ML engineering manager")));
	}

	private Runbooks() {
	}

	static Runbook of(IncidentType type) {
		return RUNBOOKS.get(type);
	}

}
