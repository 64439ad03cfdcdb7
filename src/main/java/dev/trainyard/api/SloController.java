package dev.trainyard.api;

import java.util.List;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.slo.SloReport;
import dev.trainyard.slo.Slos;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every pipeline's model freshness and error budgets, computed now.
 */
@RestController
@RequestMapping("/api/slo")
class SloController {

	private final Slos slos;

	private final PipelineCatalog catalog;

	SloController(Slos slos, PipelineCatalog catalog) {
		this.slos = slos;
		this.catalog = catalog;
	}

	@GetMapping
	List<SloReport> all() {
		return this.slos.all();
	}

	@GetMapping("/{pipeline}")
	SloReport get(@PathVariable String pipeline) {
		return this.slos.of(this.catalog.get(pipeline));
	}

}
