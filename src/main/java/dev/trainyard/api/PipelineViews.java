package dev.trainyard.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.FreshnessSpec;
import dev.trainyard.registry.ChampionChange;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;

/**
 * Builds {@link PipelineView}s from a definition, the registry and the clock.
 */
class PipelineViews {

	private final ModelRegistry registry;

	private final Clock clock;

	PipelineViews(ModelRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	PipelineView view(PipelineDefinition definition) {
		PipelineView.Champion champion = champion(definition.name()).orElse(null);
		PipelineDefinition.TrainerSpec trainer = definition.trainer();
		return new PipelineView(definition.name(), schedule(definition), dataset(definition),
				trainer.objective().xgboostName(), trainer.rounds(), trainer.checkpointEvery(), trainer.params(),
				gates(definition), definition.promotion().approval().name().toLowerCase(),
				iso(definition.promotion().approvalTimeout()), champion,
				freshness(definition.freshness(), (champion != null) ? champion.promotedAt() : null));
	}

	private Optional<PipelineView.Champion> champion(String pipeline) {
		return this.registry.champion(pipeline)
			.map((version) -> new PipelineView.Champion(version.version(), version.sha256(), version.metrics(),
					promotedAt(version)));
	}

	private Instant promotedAt(ModelVersion champion) {
		List<ChampionChange> history = this.registry.history(champion.pipeline());
		for (int i = history.size() - 1; i >= 0; i--) {
			if (history.get(i).toVersion() == champion.version()) {
				return history.get(i).changedAt();
			}
		}
		return (champion.decidedAt() != null) ? champion.decidedAt() : champion.createdAt();
	}

	private PipelineView.Freshness freshness(FreshnessSpec spec, Instant promotedAt) {
		Duration maxAge = (spec != null) ? spec.maxAge() : null;
		Duration warnAge = (spec != null) ? spec.warnAge() : null;
		Long maxAgeSeconds = (maxAge != null) ? maxAge.toSeconds() : null;
		if (promotedAt == null) {
			return new PipelineView.Freshness(iso(maxAge), iso(warnAge), maxAgeSeconds, null, FreshnessStatus.NO_MODEL);
		}
		Duration age = Duration.between(promotedAt, this.clock.instant());
		age = age.isNegative() ? Duration.ZERO : age;
		return new PipelineView.Freshness(iso(maxAge), iso(warnAge), maxAgeSeconds, age.toSeconds(),
				status(age, maxAge, warnAge));
	}

	private static FreshnessStatus status(Duration age, Duration maxAge, Duration warnAge) {
		if (maxAge != null && age.compareTo(maxAge) > 0) {
			return FreshnessStatus.VIOLATED;
		}
		if (warnAge != null && age.compareTo(warnAge) > 0) {
			return FreshnessStatus.WARNING;
		}
		return FreshnessStatus.OK;
	}

	private static PipelineView.Schedule schedule(PipelineDefinition definition) {
		PipelineDefinition.Schedule schedule = definition.schedule();
		return (schedule != null) ? new PipelineView.Schedule(schedule.cron(), schedule.zone()) : null;
	}

	private static PipelineView.Dataset dataset(PipelineDefinition definition) {
		PipelineDefinition.DatasetSpec dataset = definition.dataset();
		return new PipelineView.Dataset(dataset.path(), dataset.label(), dataset.validationFraction(), dataset.seed());
	}

	private static List<PipelineView.Gate> gates(PipelineDefinition definition) {
		return definition.gates()
			.stream()
			.map((gate) -> new PipelineView.Gate(gate.metric().key(), gate.min(), gate.max(), gate.maxRegression()))
			.toList();
	}

	private static String iso(Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

}
