package dev.trainyard.api;

import java.time.Clock;
import java.util.List;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.slo.ErrorBudgets;
import dev.trainyard.slo.Freshness;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pipelines of the jobs dir with their champion, freshness and error budgets.
 */
@RestController
@RequestMapping("/api/pipelines")
class PipelineController {

	private final PipelineCatalog catalog;

	private final PipelineViews views;

	PipelineController(PipelineCatalog catalog, ModelRegistry registry, Freshness freshness, ErrorBudgets budgets,
			Clock clock) {
		this.catalog = catalog;
		this.views = new PipelineViews(registry, freshness, budgets, clock);
	}

	@GetMapping
	List<PipelineView> list() {
		return this.catalog.all().stream().map(this.views::view).toList();
	}

	@GetMapping("/{name}")
	PipelineView get(@PathVariable String name) {
		return this.views.view(this.catalog.get(name));
	}

}
