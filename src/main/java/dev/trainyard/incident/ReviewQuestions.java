package dev.trainyard.incident;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The root-cause questions and prevention ideas a post-incident review starts from, per
 * incident type.
 */
record ReviewQuestions(List<String> rootCause, List<String> prevention) {

	private static final Map<IncidentType, ReviewQuestions> QUESTIONS = new EnumMap<>(IncidentType.class);

	static {
		QUESTIONS.put(IncidentType.TRAINING_FAILURE, new ReviewQuestions(
				List.of("Which step failed, and was the error transient or permanent?",
						"Did the retries and restarts behave as configured?",
						"What changed since the last successful run (file, data, parameters, host)?"),
				List.of("Tune retry and max-run-restarts to the store's real outages",
						"Alert on the first failure of a critical pipeline", "Add a canary run after changes")));
		QUESTIONS.put(IncidentType.DATA_QUALITY,
				new ReviewQuestions(
						List.of("What was wrong with the data, and where did it come from?",
								"Why did the producer not catch it?", "Would a contract on the schema have caught it?"),
						List.of("A schema contract with the producing team", "Validate the data where it is produced",
								"Keep the last good dataset to train from")));
		QUESTIONS.put(IncidentType.MODEL_DEGRADATION, new ReviewQuestions(
				List.of("What changed in the data distribution?", "Were there upstream data or labelling changes?",
						"Were features computed the same way as for the champion?"),
				List.of("Monitor feature drift on the training data", "Add data validation gates",
						"Keep gates against the champion on every pipeline")));
		QUESTIONS.put(IncidentType.FRESHNESS,
				new ReviewQuestions(
						List.of("Why did no new champion replace the old one in time?",
								"Was the schedule running, and were runs failing or waiting for approval?",
								"Did the warn-age warning reach someone?"),
						List.of("Run a second server or alert when scheduling stops",
								"Page on warn-age for critical models", "Time-box manual approvals")));
		QUESTIONS.put(IncidentType.PROMOTION_FAILURE,
				new ReviewQuestions(List.of("Which part of the promotion failed: artifact, pointer or commit?",
						"Was production ever pointed at an incomplete model?", "Why did the retries not recover?"),
						List.of("Monitor the store's availability from Trainyard's hosts",
								"Test promotion against a staging bucket", "Alert on store permission changes")));
		QUESTIONS.put(IncidentType.CHECKPOINT_CORRUPTION,
				new ReviewQuestions(
						List.of("How did the stored bytes come to differ from what was written?",
								"Who or what else writes or deletes under the checkpoint prefix?",
								"How much training time did the corrupt checkpoint cost?"),
						List.of("Versioning or object lock on the bucket", "Separate prefixes per deployment",
								"Periodic verification of stored checkpoints")));
		QUESTIONS.put(IncidentType.ERROR_BUDGET_EXHAUSTED, new ReviewQuestions(
				List.of("Which incidents spent the budget?", "Were they one cause or several?",
						"Is the objective right for this pipeline?"),
				List.of("Fix the top cause of failures before new features", "Revisit the slo: targets with the owners",
						"Alert earlier: on CRITICAL, not only EXHAUSTED")));
	}

	static ReviewQuestions of(IncidentType type) {
		return QUESTIONS.get(type);
	}

}
