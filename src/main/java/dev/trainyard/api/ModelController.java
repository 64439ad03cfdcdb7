package dev.trainyard.api;

import java.util.List;

import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.registry.ChampionChange;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A pipeline's model versions and its champion history. A pipeline whose file is gone
 * still shows the versions it left behind.
 */
@RestController
@RequestMapping("/api/models/{pipeline}")
class ModelController {

	private final ModelRegistry registry;

	private final PipelineCatalog catalog;

	ModelController(ModelRegistry registry, PipelineCatalog catalog) {
		this.registry = registry;
		this.catalog = catalog;
	}

	/**
	 * Every version, newest first.
	 */
	@GetMapping("/versions")
	List<ModelVersion> versions(@PathVariable String pipeline) {
		List<ModelVersion> versions = this.registry.versions(pipeline);
		if (versions.isEmpty()) {
			requireKnown(pipeline);
		}
		return versions;
	}

	/**
	 * Every champion change, oldest first.
	 */
	@GetMapping("/history")
	List<ChampionChange> history(@PathVariable String pipeline) {
		List<ChampionChange> history = this.registry.history(pipeline);
		if (history.isEmpty() && this.registry.versions(pipeline).isEmpty()) {
			requireKnown(pipeline);
		}
		return history;
	}

	/**
	 * Throws {@code PipelineNotFoundException} when there is no file for the pipeline; a
	 * broken file still names a known pipeline.
	 */
	private void requireKnown(String pipeline) {
		try {
			this.catalog.get(pipeline);
		}
		catch (InvalidPipelineException ex) {
			// the file exists: the pipeline is known, it just has no models yet
		}
	}

}
