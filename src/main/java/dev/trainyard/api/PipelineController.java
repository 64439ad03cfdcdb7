package dev.trainyard.api;

import java.time.Clock;
import java.util.List;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineProblem;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.slo.ErrorBudgets;
import dev.trainyard.slo.Freshness;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pipelines of the jobs dir with their champion, freshness and error budgets; a
 * reload of the files.
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

	/**
	 * Reads every pipeline file again now (the scheduler follows at once): the valid
	 * pipelines, and every problem of the other files.
	 */
	@PostMapping("/reload")
	Reloaded reload() {
		PipelineCatalog.Snapshot snapshot = this.catalog.reload();
		return new Reloaded(snapshot.pipelines().stream().map(this.views::view).toList(),
				snapshot.problems().stream().map(Problem::of).toList());
	}

	/** What a reload found. */
	record Reloaded(List<PipelineView> pipelines, List<Problem> problems) {
	}

	/**
	 * One thing wrong with a pipeline file; {@code line} and {@code field} may be null.
	 */
	record Problem(String file, Integer line, String field, String message) {

		static Problem of(PipelineProblem problem) {
			return new Problem(String.valueOf(problem.file()), problem.line(), problem.field(), problem.message());
		}

	}

}
