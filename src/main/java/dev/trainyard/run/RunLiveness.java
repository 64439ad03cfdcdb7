package dev.trainyard.run;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Tells a run whose process is alive apart from one whose process was killed and left its
 * job execution {@code STARTED}.
 */
@Component
class RunLiveness {

	private final RunHeartbeat heartbeat;

	private final RunProperties properties;

	private final Clock clock;

	RunLiveness(RunHeartbeat heartbeat, RunProperties properties, Clock clock) {
		this.heartbeat = heartbeat;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Whether a running-looking execution has no live process behind it: its owner ran on
	 * this host and is gone, or its heartbeat is older than {@code dead-after}.
	 */
	boolean isAbandoned(RunRecord run, JobExecution last) {
		ProcessOwner owner = run.owner();
		if (owner == null) {
			LocalDateTime updated = last.getLastUpdated();
			return olderThan((updated != null) ? updated.atZone(ZoneId.systemDefault()).toInstant() : null);
		}
		if (owner.isCurrentProcess()) {
			return !this.heartbeat.isTracked(run.runId());
		}
		if (owner.isOnThisHost()) {
			return owner.isDeadOnThisHost();
		}
		return olderThan(run.heartbeatAt());
	}

	private boolean olderThan(Instant time) {
		return time == null || time.isBefore(this.clock.instant().minus(this.properties.deadAfter()));
	}

}
