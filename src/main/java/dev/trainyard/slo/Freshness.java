package dev.trainyard.slo;

import java.time.Instant;
import java.util.List;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.FreshnessSpec;
import dev.trainyard.registry.ChampionChange;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;

import org.springframework.stereotype.Component;

/**
 * The model-freshness SLI of a pipeline, from its definition and the registry: the one
 * place that says how old a champion is. A model's age is the time since the current
 * champion finished training (its registration), not since it became the champion.
 */
@Component
public class Freshness {

	private final ModelRegistry registry;

	public Freshness(ModelRegistry registry) {
		this.registry = registry;
	}

	public ModelFreshness of(PipelineDefinition definition) {
		return of(definition, this.registry.champion(definition.name()).orElse(null));
	}

	/**
	 * The freshness of a pipeline whose champion the caller has already read
	 * ({@code null} when there is none).
	 */
	public ModelFreshness of(PipelineDefinition definition, ModelVersion champion) {
		String pipeline = definition.name();
		FreshnessSpec spec = definition.freshness();
		return new ModelFreshness(pipeline, (champion != null) ? champion.version() : null,
				(champion != null) ? champion.createdAt() : null, (champion != null) ? championSince(champion) : null,
				(spec != null) ? spec.maxAge() : null, (spec != null) ? spec.warnAge() : null,
				this.registry.lastRegisteredAt(pipeline).orElse(null));
	}

	/**
	 * When {@code champion} last became the champion (its newest promotion or rollback to
	 * it), falling back to its decision or registration time.
	 */
	private Instant championSince(ModelVersion champion) {
		List<ChampionChange> history = this.registry.history(champion.pipeline());
		for (int i = history.size() - 1; i >= 0; i--) {
			if (history.get(i).toVersion() == champion.version()) {
				return history.get(i).changedAt();
			}
		}
		return (champion.decidedAt() != null) ? champion.decidedAt() : champion.createdAt();
	}

}
