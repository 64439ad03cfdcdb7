package dev.trainyard.slo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;

/**
 * The model-freshness gauges of every pipeline in the jobs dir, tagged by pipeline:
 * {@code trainyard.model.age} (seconds since the champion finished training; NaN without
 * one), {@code trainyard.model.freshness.max.age} (the pipeline's
 * {@code freshness.max-age}; NaN when it sets none),
 * {@code trainyard.model.freshness.warn.age} (likewise its {@code freshness.warn-age})
 * and {@code trainyard.last.successful.training.timestamp} (epoch seconds of the newest
 * registered model version; NaN before the first). The pipelines and the registry are
 * re-read every {@code trainyard.slo.evaluation-interval}; the age is computed when the
 * gauge is read. A pipeline whose file goes away loses its gauges.
 */
class FreshnessMetrics implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FreshnessMetrics.class);

	private final PipelineCatalog catalog;

	private final Freshness freshness;

	private final MeterRegistry meterRegistry;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Duration interval;

	private final Map<String, List<Meter>> meters = new HashMap<>();

	private volatile Map<String, ModelFreshness> snapshot = Map.of();

	private ScheduledFuture<?> evaluation;

	FreshnessMetrics(PipelineCatalog catalog, Freshness freshness, MeterRegistry meterRegistry, TaskScheduler scheduler,
			Clock clock, SloProperties properties) {
		this.catalog = catalog;
		this.freshness = freshness;
		this.meterRegistry = meterRegistry;
		this.scheduler = scheduler;
		this.clock = clock;
		this.interval = properties.evaluationInterval();
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.evaluation = this.scheduler.scheduleWithFixedDelay(this::evaluate, this.interval);
	}

	@Override
	public void destroy() {
		if (this.evaluation != null) {
			this.evaluation.cancel(false);
		}
	}

	/**
	 * Re-reads the pipelines and the registry; keeps the last values when that fails.
	 */
	synchronized void evaluate() {
		Map<String, ModelFreshness> current = new HashMap<>();
		try {
			for (PipelineDefinition definition : this.catalog.all()) {
				current.put(definition.name(), this.freshness.of(definition));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not evaluate model freshness, keeping the previous values: {}", ex.toString());
			return;
		}
		this.snapshot = Map.copyOf(current);
		for (String gone : Set.copyOf(this.meters.keySet())) {
			if (!current.containsKey(gone)) {
				this.meters.remove(gone).forEach(this.meterRegistry::remove);
			}
		}
		current.keySet().forEach((pipeline) -> this.meters.computeIfAbsent(pipeline, this::register));
	}

	private List<Meter> register(String pipeline) {
		return List.of(
				gauge("trainyard.model.age",
						"Seconds since the pipeline's champion finished training (its registration)", pipeline,
						(freshness) -> seconds(freshness.age(this.clock.instant()))),
				gauge("trainyard.model.freshness.max.age", "The pipeline's freshness.max-age (model-age SLO)", pipeline,
						(freshness) -> seconds(freshness.maxAge())),
				gauge("trainyard.model.freshness.warn.age", "The pipeline's freshness.warn-age", pipeline,
						(freshness) -> seconds(freshness.warnAge())),
				gauge("trainyard.last.successful.training.timestamp",
						"When a training of the pipeline last registered a model version (epoch seconds)", pipeline,
						(freshness) -> epochSeconds(freshness.lastTrainedAt())));
	}

	private Gauge gauge(String name, String description, String pipeline, Function<ModelFreshness, Double> value) {
		ToDoubleFunction<FreshnessMetrics> read = (metrics) -> {
			ModelFreshness freshness = metrics.snapshot.get(pipeline);
			return (freshness != null) ? value.apply(freshness) : Double.NaN;
		};
		return Gauge.builder(name, this, read)
			.description(description)
			.baseUnit("seconds")
			.tag("pipeline", pipeline)
			.register(this.meterRegistry);
	}

	private static double seconds(Duration duration) {
		return (duration != null) ? duration.toMillis() / 1000.0 : Double.NaN;
	}

	private static double epochSeconds(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() / 1000.0 : Double.NaN;
	}

}
