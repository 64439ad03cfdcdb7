package dev.trainyard.slo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;

import org.springframework.stereotype.Service;

/**
 * The slo module's facade: every pipeline's freshness and error budgets, computed now.
 */
@Service
public class Slos {

	private final PipelineCatalog catalog;

	private final Freshness freshness;

	private final ErrorBudgets budgets;

	private final Clock clock;

	Slos(PipelineCatalog catalog, Freshness freshness, ErrorBudgets budgets, Clock clock) {
		this.catalog = catalog;
		this.freshness = freshness;
		this.budgets = budgets;
		this.clock = clock;
	}

	/** The valid pipelines of the jobs dir, by name. */
	public List<SloReport> all() {
		return this.catalog.all().stream().map(this::of).toList();
	}

	public SloReport of(PipelineDefinition definition) {
		return of(definition, this.freshness.of(definition));
	}

	/** The report of a pipeline whose freshness the caller has already read. */
	public SloReport of(PipelineDefinition definition, ModelFreshness freshness) {
		Instant now = this.clock.instant();
		Duration age = freshness.age(now);
		return new SloReport(definition.name(), freshness.status(now), seconds(age), seconds(freshness.maxAge()),
				seconds(freshness.warnAge()), freshness.championVersion(), freshness.trainedAt(),
				freshness.lastTrainedAt(), this.budgets.of(definition, now));
	}

	private static Long seconds(Duration duration) {
		return (duration != null) ? duration.toSeconds() : null;
	}

}
