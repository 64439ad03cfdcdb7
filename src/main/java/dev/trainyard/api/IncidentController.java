package dev.trainyard.api;

import java.security.Principal;
import java.util.List;

import dev.trainyard.incident.IncidentView;
import dev.trainyard.incident.Incidents;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents: list and look at them, acknowledge, mitigate and resolve them (body
 * {@code {"comment":"…"}}, optional), and a post-incident review drafted from one.
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

	static final String MARKDOWN = "text/markdown";

	private final Incidents incidents;

	IncidentController(Incidents incidents) {
		this.incidents = incidents;
	}

	/**
	 * Newest first; {@code status}: {@code open} (not resolved) or a status.
	 */
	@GetMapping
	List<IncidentView> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String pipeline, @RequestParam(defaultValue = "100") int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		return this.incidents.list(blankToNull(status), blankToNull(pipeline), Math.min(limit, 500));
	}

	@GetMapping("/{id}")
	IncidentView get(@PathVariable long id) {
		return this.incidents.find(id);
	}

	@PostMapping("/{id}/acknowledge")
	IncidentView acknowledge(@PathVariable long id, @RequestBody(required = false) @Nullable Comment body,
			@Nullable Principal principal) {
		return this.incidents.acknowledge(id, Actors.of(principal), Comment.text(body));
	}

	@PostMapping("/{id}/mitigate")
	IncidentView mitigate(@PathVariable long id, @RequestBody(required = false) @Nullable Comment body,
			@Nullable Principal principal) {
		return this.incidents.mitigate(id, Actors.of(principal), Comment.text(body));
	}

	@PostMapping("/{id}/resolve")
	IncidentView resolve(@PathVariable long id, @RequestBody(required = false) @Nullable Comment body,
			@Nullable Principal principal) {
		return this.incidents.resolve(id, Actors.of(principal), Comment.text(body));
	}

	/** A blameless post-incident review drafted from the incident, in Markdown. */
	@GetMapping(path = "/{id}/review", produces = MARKDOWN)
	String review(@PathVariable long id) {
		return this.incidents.review(id);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

	/** What the operator says about the step. */
	record Comment(@Nullable String comment) {

		static @Nullable String text(@Nullable Comment body) {
			return (body != null) ? body.comment() : null;
		}

	}

}
