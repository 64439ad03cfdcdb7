package dev.trainyard.incident.delivery;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A process without the drain schedule (the CLI's {@code run} and {@code resume}) tries
 * to deliver its notices as it closes, for at most
 * {@code trainyard.incidents.delivery.cli-drain-timeout}; what is left stays in the
 * outbox for a server on the same database.
 */
record LastDrain(OutboxDrain drain, Duration timeout) implements ApplicationListener<ContextClosedEvent> {

	private static final Logger log = LoggerFactory.getLogger(LastDrain.class);

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		Instant deadline = Instant.now().plus(this.timeout);
		try {
			while (!this.drain.drain(deadline) && Instant.now().isBefore(deadline)) {
				if (!pause(deadline)) {
					break;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not deliver the incident notices before exiting ({}); a server on the same database will",
					ex.toString());
		}
	}

	/** Waits a little before the next pass; @return false when interrupted. */
	private static boolean pause(Instant deadline) {
		long millis = Math.min(200, Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis()));
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
