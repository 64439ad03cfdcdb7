package dev.trainyard.api;

import java.net.URI;
import java.security.Principal;

import dev.trainyard.promotion.Approvals;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.run.RunView;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approving and rejecting candidates, and rolling the champion back.
 */
@RestController
@RequestMapping("/api/models/{pipeline}")
class ApprovalController {

	private final Approvals approvals;

	private final ModelRegistry registry;

	ApprovalController(Approvals approvals, ModelRegistry registry) {
		this.approvals = approvals;
		this.registry = registry;
	}

	/** Approves a candidate; its run continues at {@code promote} (202, the run). */
	@PostMapping("/versions/{version}/approve")
	ResponseEntity<RunView> approve(@PathVariable String pipeline, @PathVariable int version,
			@RequestBody(required = false) @Nullable Decision decision, @Nullable Principal principal) {
		RunView run = this.approvals.approve(pipeline, version, Actors.of(principal), Decision.comment(decision));
		return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.runId())).body(run);
	}

	/** Rejects a candidate; its run ends {@code REJECTED}. */
	@PostMapping("/versions/{version}/reject")
	ModelVersion reject(@PathVariable String pipeline, @PathVariable int version,
			@RequestBody(required = false) @Nullable Decision decision, @Nullable Principal principal) {
		return this.approvals.reject(pipeline, version, Actors.of(principal), Decision.comment(decision));
	}

	/** Moves the champion back to {@code toVersion}, or to the previous champion. */
	@PostMapping("/rollback")
	ModelVersion rollback(@PathVariable String pipeline, @RequestBody(required = false) @Nullable Rollback rollback,
			@Nullable Principal principal) {
		return this.registry.rollback(pipeline, (rollback != null) ? rollback.toVersion() : null, Actors.of(principal),
				(rollback != null) ? rollback.reason() : null);
	}

	/** Body of approve and reject. */
	record Decision(@Nullable String comment) {

		static @Nullable String comment(@Nullable Decision decision) {
			return (decision != null) ? decision.comment() : null;
		}

	}

	/** Body of rollback; both fields optional. */
	record Rollback(@Nullable Integer toVersion, @Nullable String reason) {
	}

}
