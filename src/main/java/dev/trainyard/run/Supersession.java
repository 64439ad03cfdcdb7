package dev.trainyard.run;

import dev.trainyard.registry.ModelRegistry;
import dev.trainyard.registry.ModelVersion;
import dev.trainyard.registry.VersionState;
import dev.trainyard.registry.VersionStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A newer candidate awaiting approval supersedes the older ones of its pipeline: each
 * older version becomes {@code SUPERSEDED} and its run ends {@code REJECTED}, in one
 * transaction per version. One that an approver decided on meanwhile (or whose run is
 * executing) is left as it is: losing that race is not an error of the newer run.
 */
@Component
class Supersession {

	private static final Logger log = LoggerFactory.getLogger(Supersession.class);

	private final ModelRegistry registry;

	private final RunTermination termination;

	Supersession(ModelRegistry registry, RunTermination termination) {
		this.registry = registry;
		this.termination = termination;
	}

	void supersedeOlder(ModelVersion newer) {
		for (ModelVersion older : this.registry.awaitingApproval()) {
			if (!older.pipeline().equals(newer.pipeline()) || older.version() >= newer.version()) {
				continue;
			}
			String why = "superseded by version " + newer.version();
			try {
				this.termination.end(older.runId(), Outcome.REJECTED, RunTermination.TRAINYARD, why, () -> this.registry
					.decide(older.pipeline(), older.version(), VersionState.SUPERSEDED, RunTermination.TRAINYARD, why));
			}
			catch (VersionStateException | RunConflictException ex) {
				log.info("{} version {} was not superseded by version {}: {}", older.pipeline(), older.version(),
						newer.version(), ex.getMessage());
			}
		}
	}

}
