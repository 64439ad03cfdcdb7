package dev.trainyard.slo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The error-budget gauges, {@code trainyard.error.budget.remaining{pipeline,slo}} (the
 * share of each budget left, 0..1), from the server's latest evaluation. A pipeline whose
 * file goes away loses its gauges.
 */
class BudgetMetrics {

	private final MeterRegistry meterRegistry;

	private final Map<String, List<Gauge>> gauges = new HashMap<>();

	private volatile Map<String, SloReport> snapshot = Map.of();

	BudgetMetrics(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	synchronized void update(List<SloReport> reports) {
		Map<String, SloReport> current = new HashMap<>();
		reports.forEach((report) -> current.put(report.pipeline(), report));
		this.snapshot = Map.copyOf(current);
		for (String gone : Set.copyOf(this.gauges.keySet())) {
			if (!current.containsKey(gone)) {
				this.gauges.remove(gone).forEach(this.meterRegistry::remove);
			}
		}
		current.keySet().forEach((pipeline) -> this.gauges.computeIfAbsent(pipeline, this::register));
	}

	private List<Gauge> register(String pipeline) {
		return List.of(gauge(pipeline, ErrorBudget.RUN_SUCCESS), gauge(pipeline, ErrorBudget.FRESHNESS));
	}

	private Gauge gauge(String pipeline, String slo) {
		return Gauge.builder("trainyard.error.budget.remaining", this, (metrics) -> {
			SloReport report = metrics.snapshot.get(pipeline);
			return (report != null) ? report.budget(slo).remaining() : Double.NaN;
		})
			.description("Share of the pipeline's error budget left over its window (1 untouched, 0 exhausted)")
			.baseUnit("ratio")
			.tag("pipeline", pipeline)
			.tag("slo", slo)
			.register(this.meterRegistry);
	}

}
