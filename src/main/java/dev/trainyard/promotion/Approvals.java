package dev.trainyard.promotion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.ModelVersionNotFoundException;
import dev.trainyard.registry.VersionState;
import dev.trainyard.registry.VersionStateException;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunAction;
import dev.trainyard.run.RunConflictException;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The promotion module's facade: approving or rejecting a candidate that waits for
 * approval, and expiring requests nobody decided on. Approval continues the same run at
 * its {@code promote} step; rejection and expiry end it, in one transaction with the
 * version's new state.
 */
@Service
public class Approvals {

	private static final Logger log = LoggerFactory.getLogger(Approvals.class);

	private static final String TRAINYARD = "trainyard";

	private final ModelRegistry registry;

	private final Runs runs;

	private final Clock clock;

	Approvals(ModelRegistry registry, Runs runs, Clock clock) {
		this.registry = registry;
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * Records the approval and continues the run, which promotes the version. When the
	 * run cannot be continued right now (its process still holds it), the approval stands
	 * and the server continues the run as soon as it can.
	 * @return the run
	 */
	public RunView approve(String pipeline, int version, String actor, String comment) {
		ModelVersion candidate = candidate(pipeline, version);
		PipelineDefinition definition = this.runs.definition(candidate.runId());
		String launchedBy = this.runs.find(candidate.runId()).map(RunView::launchedBy).orElse(null);
		if (definition.promotion().requireDistinctApprover() && Objects.equals(launchedBy, actor)) {
			throw new FourEyesException(pipeline + " requires a different approver: " + actor + " launched run "
					+ candidate.runId() + " and cannot approve its version " + version);
		}
		this.registry.decide(pipeline, version, VersionState.APPROVED, actor, comment);
		try {
			return this.runs.restart(candidate.runId(), actor, RunAction.APPROVE);
		}
		catch (RunConflictException ex) {
			log.warn("{} version {} is approved; its run {} continues once it can: {}", pipeline, version,
					candidate.runId(), ex.getMessage());
			return this.runs.find(candidate.runId()).orElseThrow();
		}
	}

	/**
	 * Records the rejection and ends the run {@code REJECTED}, both or neither.
	 */
	public ModelVersion reject(String pipeline, int version, String actor, String comment) {
		ModelVersion candidate = candidate(pipeline, version);
		this.runs.end(candidate.runId(), Outcome.REJECTED, actor,
				"rejected" + ((comment != null) ? ": " + comment : ""),
				() -> this.registry.decide(pipeline, version, VersionState.REJECTED, actor, comment));
		return candidate(pipeline, version);
	}

	/**
	 * Expires every approval request older than its pipeline's
	 * {@code promotion.approval-timeout}; one that somebody decided on meanwhile is left
	 * as it is.
	 * @return how many expired
	 */
	public int expireOverdue() {
		int expired = 0;
		Instant now = this.clock.instant();
		for (ModelVersion candidate : this.registry.awaitingApproval()) {
			Duration timeout = this.runs.definition(candidate.runId()).promotion().approvalTimeout();
			if (!candidate.createdAt().plus(timeout).isBefore(now)) {
				continue;
			}
			String why = "approval request expired after " + timeout;
			try {
				this.runs.end(candidate.runId(), Outcome.REJECTED, TRAINYARD, why, () -> this.registry
					.decide(candidate.pipeline(), candidate.version(), VersionState.EXPIRED, TRAINYARD, why));
				log.info("{} version {}: {}", candidate.pipeline(), candidate.version(), why);
				expired++;
			}
			catch (VersionStateException | RunConflictException ex) {
				log.info("{} version {} did not expire: {}", candidate.pipeline(), candidate.version(),
						ex.getMessage());
			}
		}
		return expired;
	}

	private ModelVersion candidate(String pipeline, int version) {
		return this.registry.find(pipeline, version)
			.orElseThrow(() -> new ModelVersionNotFoundException(pipeline, version));
	}

}
