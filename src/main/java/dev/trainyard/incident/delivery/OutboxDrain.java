package dev.trainyard.incident.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: claims due rows (the oldest pending one of each incident and
 * sink), posts each through its sink and records the result. A transient failure is
 * retried after an exponential backoff with jitter (or the receiver's
 * {@code Retry-After}), for as long as it takes; a fatal one marks the notice
 * {@code FAILED} with a WARN. At least once: a process that dies mid-delivery leaves its
 * lease to expire, and another sends the row again with the same event id.
 */
public class OutboxDrain {

	private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);

	private final Outbox outbox;

	private final Sinks sinks;

	private final DeliveryMetrics metrics;

	private final JsonMapper json;

	private final Clock clock;

	private final IncidentProperties.Delivery settings;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName();

	OutboxDrain(Outbox outbox, Sinks sinks, DeliveryMetrics metrics, JsonMapper json, Clock clock,
			IncidentProperties properties) {
		this.outbox = outbox;
		this.sinks = sinks;
		this.metrics = metrics;
		this.json = json;
		this.clock = clock;
		this.settings = properties.delivery();
	}

	/**
	 * Passes over the outbox until nothing more is delivered, or until {@code deadline}.
	 * @return whether nothing is left pending
	 */
	public synchronized boolean drain(Instant deadline) {
		while (pass() > 0 && System.currentTimeMillis() < deadline.toEpochMilli()) {
			// the next notice of an incident is due as soon as the one before it went out
		}
		this.metrics.update(this.outbox.pendingBySink());
		return this.metrics.pending() == 0;
	}

	/** One pass: @return how many notices were delivered or settled. */
	int pass() {
		Instant now = this.clock.instant();
		List<OutboxEntry> due = this.outbox.claimable(now, this.settings.batchSize());
		int settled = 0;
		for (OutboxEntry entry : due) {
			if (this.outbox.claim(entry.id(), this.owner, now, now.plus(this.settings.lease()))) {
				settled += deliver(entry) ? 1 : 0;
			}
		}
		return settled;
	}

	private boolean deliver(OutboxEntry entry) {
		SinkClient sink = this.sinks.get(entry.sink()).orElse(null);
		if (sink == null) {
			log.warn("Incident notice {} is for sink '{}', which is no longer configured", entry.eventId(),
					entry.sink());
			this.outbox.failed(entry.id(), entry.attempts(), "no sink named '" + entry.sink() + "' is configured");
			return true;
		}
		if (!sink.permitted()) {
			this.outbox.release(entry.id());
			return false;
		}
		IncidentNotice notice = this.json.readValue(entry.notice(), IncidentNotice.class);
		DeliveryResult result = sink.send(notice, entry.eventId());
		int attempts = entry.attempts() + 1;
		switch (result.kind()) {
			case DELIVERED -> {
				this.outbox.delivered(entry.id(), attempts, this.clock.instant());
				log.info("Delivered {} of incident {} to {}", entry.action(), entry.incidentId(), sink.name());
				return true;
			}
			case FATAL -> {
				log.warn("{} refused {} of incident {} ({}); not retrying it", sink.name(), entry.action(),
						entry.incidentId(), result.error());
				this.outbox.failed(entry.id(), attempts, result.error());
				return true;
			}
			default -> {
				Duration delay = (result.retryAfter() != null) ? result.retryAfter() : backoff(attempts);
				log.info("Could not deliver {} of incident {} to {} ({}), attempt {}; retrying in {}", entry.action(),
						entry.incidentId(), sink.name(), result.error(), attempts, delay);
				this.outbox.retryAt(entry.id(), attempts, this.clock.instant().plus(delay), result.error());
				return false;
			}
		}
	}

	/**
	 * Sends the latest notice of every open incident again to the sinks that forget an
	 * alert not sent again (Alertmanager resolves it after its {@code resolve_timeout}),
	 * best effort: the next refresh tries again.
	 */
	public synchronized void refreshOpenAlerts() {
		for (OutboxEntry entry : this.outbox.latestDeliveredOfOpenIncidents(this.sinks.forgettingSilentAlerts())) {
			SinkClient sink = this.sinks.get(entry.sink()).orElseThrow();
			if (sink.permitted()) {
				DeliveryResult result = sink.send(this.json.readValue(entry.notice(), IncidentNotice.class),
						entry.eventId());
				if (result.kind() != DeliveryResult.Kind.DELIVERED) {
					log.debug("Could not refresh incident {} at {}: {}", entry.incidentId(), sink.name(),
							result.error());
				}
			}
		}
	}

	/** Exponential from the initial backoff, capped, with half of it random (jitter). */
	Duration backoff(int attempts) {
		long initial = this.settings.initialBackoff().toMillis();
		long max = this.settings.maxBackoff().toMillis();
		long exponential = (attempts >= 31) ? max : Math.min(max, initial << Math.max(0, attempts - 1));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

}
