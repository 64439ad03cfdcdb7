package dev.trainyard.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.trainyard.slo.ErrorBudget;
import dev.trainyard.slo.FreshnessStatus;

/**
 * A pipeline as the API shows it: the essentials of its definition, its champion and how
 * fresh that champion is (its age since it finished training), and its error budgets.
 *
 * @param trainerType {@code xgboost} or {@code command}
 * @param objective the XGBoost objective, {@code null} for a command trainer
 * @param command a command trainer's argv, {@code null} for XGBoost
 * @param champion the current champion, or {@code null} when there is none
 */
record PipelineView(String name, Schedule schedule, Dataset dataset, String trainerType, String objective,
		List<String> command, int rounds, int checkpointEvery, Map<String, Object> params, List<Gate> gates,
		String approval, String approvalTimeout, Champion champion, Freshness freshness, List<ErrorBudget> budgets) {

	/**
	 * The cron schedule; {@code null} when the pipeline only runs on demand.
	 *
	 * @param catchUp {@code latest} or {@code none}
	 * @param next its next tick
	 */
	record Schedule(String cron, String zone, String catchUp, Instant next) {
	}

	/** Where the data comes from and which column is the label. */
	record Dataset(String path, String label, double validationFraction, long seed) {
	}

	/** A validation gate; unset bounds are {@code null}. */
	record Gate(String metric, Double min, Double max, Double maxRegression) {
	}

	/**
	 * The champion version, when it last became the champion and when it finished
	 * training (its registration, which its age counts from).
	 */
	record Champion(int version, String sha256, Map<String, Double> metrics, Instant promotedAt, Instant trainedAt) {
	}

	/**
	 * The model-age SLO: {@code maxAge} and {@code warnAge} as ISO-8601 durations (or
	 * {@code null} when not set), the champion's age in seconds ({@code null} without a
	 * champion), the resulting status, and when a training last registered a model
	 * version ({@code null} before the first).
	 */
	record Freshness(String maxAge, String warnAge, Long maxAgeSeconds, Long ageSeconds, FreshnessStatus status,
			Instant lastTrainedAt) {
	}

}
