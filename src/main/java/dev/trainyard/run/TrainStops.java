package dev.trainyard.run;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;

/**
 * Whether {@code train} must stop before its next segment or checkpoint, whatever the
 * trainer: when asked to, the step ends {@code STOPPED}; when this process lost the run,
 * or it ran past its timeout, the step fails.
 */
final class TrainStops {

	private static final Logger log = LoggerFactory.getLogger(TrainStops.class);

	private TrainStops() {
	}

	/**
	 * @return {@code true} when the step was asked to stop (it is marked to end
	 * {@code STOPPED})
	 * @throws OwnershipLostException when another process holds the run now
	 * @throws RunTimedOutException when the run is past its deadline
	 */
	static boolean stops(ActiveRun owner, StepExecution step, String unit, int round, Instant now) {
		ActiveRun.StopReason reason = owner.stopReason();
		if (reason == ActiveRun.StopReason.LOST) {
			throw new OwnershipLostException(owner.runId());
		}
		if (reason != null) {
			log.info("Run {} stops at {} {} ({} by {})", owner.runId(), unit, round, reason, owner.stopActor());
			step.setTerminateOnly();
			return true;
		}
		if (owner.deadline() != null && now.isAfter(owner.deadline())) {
			throw new RunTimedOutException(owner.runId(), owner.timeout(), round);
		}
		return false;
	}

}
