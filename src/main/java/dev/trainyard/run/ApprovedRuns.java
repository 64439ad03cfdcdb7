package dev.trainyard.run;

import java.util.List;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs that wait for approval although their candidate was approved: the approval's
 * restart did not happen (the process died between the decision and the restart, or the
 * restart failed). They are continued as the approval would have, by whoever approved.
 */
@Component
class ApprovedRuns {

	private static final Logger log = LoggerFactory.getLogger(ApprovedRuns.class);

	private final RunRepository runs;

	private final ModelRegistry registry;

	private final Runs facade;

	ApprovedRuns(RunRepository runs, ModelRegistry registry, @Lazy Runs facade) {
		this.runs = runs;
		this.registry = registry;
		this.facade = facade;
	}

	void continueAll() {
		List<RunRecord> waiting = this.runs.findRecent(null, List.of(RunStatus.STOPPED), Outcome.AWAITING_APPROVAL,
				500);
		for (RunRecord run : waiting) {
			ModelVersion version = this.registry.findByRun(run.runId()).orElse(null);
			if (version != null && version.state() == VersionState.APPROVED) {
				log.info("Run {} of {} waits although version {} was approved by {}; continuing it", run.runId(),
						run.pipeline(), version.version(), version.decidedBy());
				try {
					this.facade.restart(run.runId(), version.decidedBy(), RunAction.APPROVE);
				}
				catch (RunConflictException ex) {
					log.debug("Run {} is being continued elsewhere: {}", run.runId(), ex.getMessage());
				}
			}
		}
	}

}
