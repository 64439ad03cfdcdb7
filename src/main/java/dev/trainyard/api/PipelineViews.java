package dev.trainyard.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.slo.ErrorBudgets;
import dev.trainyard.slo.Freshness;
import dev.trainyard.slo.ModelFreshness;

/**
 * Builds {@link PipelineView}s from a definition, the registry, the freshness SLI, the
 * error budgets and the clock.
 */
class PipelineViews {

	private final ModelRegistry registry;

	private final Freshness freshness;

	private final ErrorBudgets budgets;

	private final Clock clock;

	PipelineViews(ModelRegistry registry, Freshness freshness, ErrorBudgets budgets, Clock clock) {
		this.registry = registry;
		this.freshness = freshness;
		this.budgets = budgets;
		this.clock = clock;
	}

	PipelineView view(PipelineDefinition definition) {
		ModelVersion current = this.registry.champion(definition.name()).orElse(null);
		ModelFreshness freshness = this.freshness.of(definition, current);
		PipelineView.Champion champion = (current != null) ? new PipelineView.Champion(current.version(),
				current.sha256(), current.metrics(), freshness.championSince(), freshness.trainedAt()) : null;
		PipelineDefinition.TrainerSpec trainer = definition.trainer();
		return new PipelineView(definition.name(), schedule(definition), dataset(definition), trainer.type(),
				(trainer.objective() != null) ? trainer.objective().xgboostName() : null,
				trainer.isCommand() ? trainer.command().argv() : null, trainer.rounds(), trainer.checkpointEvery(),
				trainer.params(), gates(definition), definition.promotion().approval().name().toLowerCase(),
				iso(definition.promotion().approvalTimeout()), champion, freshness(freshness),
				this.budgets.of(definition, this.clock.instant()));
	}

	private PipelineView.Freshness freshness(ModelFreshness freshness) {
		Instant now = this.clock.instant();
		Duration age = freshness.age(now);
		return new PipelineView.Freshness(iso(freshness.maxAge()), iso(freshness.warnAge()),
				(freshness.maxAge() != null) ? freshness.maxAge().toSeconds() : null,
				(age != null) ? age.toSeconds() : null, freshness.status(now), freshness.lastTrainedAt());
	}

	private PipelineView.Schedule schedule(PipelineDefinition definition) {
		PipelineDefinition.Schedule schedule = definition.schedule();
		return (schedule != null) ? new PipelineView.Schedule(schedule.cron(), schedule.zone(),
				schedule.catchUp().name().toLowerCase(), schedule.next(this.clock.instant())) : null;
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
