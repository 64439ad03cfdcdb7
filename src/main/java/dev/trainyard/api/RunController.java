package dev.trainyard.api;

import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunNotFoundException;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Launch, list, look at, restart and stop runs.
 */
@RestController
@RequestMapping("/api")
class RunController {

	static final int MAX_LIMIT = 500;

	private static final Set<String> STATUSES = new TreeSet<>(
			Stream.concat(Arrays.stream(RunStatus.values()), Arrays.stream(Outcome.values())).map(Enum::name).toList());

	private final Runs runs;

	RunController(Runs runs) {
		this.runs = runs;
	}

	@PostMapping("/pipelines/{name}/runs")
	ResponseEntity<RunView> launch(@PathVariable String name, @Nullable Principal principal) {
		return accepted(this.runs.launch(name, Actors.of(principal)));
	}

	/**
	 * Runs, newest first; {@code status} is a job status ({@code COMPLETED}) or an
	 * outcome ({@code PROMOTED}).
	 */
	@GetMapping("/runs")
	List<RunView> list(@RequestParam(required = false) String pipeline, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		return this.runs.list(blankToNull(pipeline), status(status), Math.min(limit, MAX_LIMIT));
	}

	@GetMapping("/runs/{runId}")
	RunView get(@PathVariable String runId) {
		return this.runs.find(runId).orElseThrow(() -> new RunNotFoundException("there is no run " + runId));
	}

	@PostMapping("/runs/{runId}/restart")
	ResponseEntity<RunView> restart(@PathVariable String runId, @Nullable Principal principal) {
		return accepted(this.runs.restart(runId, Actors.of(principal)));
	}

	@PostMapping("/runs/{runId}/stop")
	ResponseEntity<RunView> stop(@PathVariable String runId, @Nullable Principal principal) {
		return accepted(this.runs.stop(runId, Actors.of(principal)));
	}

	private static ResponseEntity<RunView> accepted(RunView run) {
		URI location = UriComponentsBuilder.fromPath("/api/runs/{runId}").buildAndExpand(run.runId()).toUri();
		return ResponseEntity.accepted().location(location).body(run);
	}

	private static @Nullable String status(@Nullable String status) {
		if (!StringUtils.hasText(status)) {
			return null;
		}
		String normalized = status.trim().toUpperCase(Locale.ROOT);
		if (!STATUSES.contains(normalized)) {
			throw new IllegalArgumentException("unknown status '" + status + "'; expected one of " + STATUSES);
		}
		return normalized;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
