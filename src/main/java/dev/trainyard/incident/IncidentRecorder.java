package dev.trainyard.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.trainyard.incident.delivery.IncidentNotice;
import dev.trainyard.incident.delivery.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every incident change, in the caller's transaction: the row, a timeline entry and a
 * notice per sink in the outbox, all or nothing.
 */
@Component
class IncidentRecorder {

	static final String SYSTEM = "trainyard";

	private static final Logger log = LoggerFactory.getLogger(IncidentRecorder.class);

	private final IncidentRepository repository;

	private final Outbox outbox;

	private final IncidentMetrics metrics;

	private final TransactionTemplate savepoint;

	private final Clock clock;

	IncidentRecorder(IncidentRepository repository, Outbox outbox, IncidentMetrics metrics,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.repository = repository;
		this.outbox = outbox;
		this.metrics = metrics;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	/**
	 * Opens an incident for the signal, or, when one of its pipeline and type is open,
	 * counts the repeat on it (raising its severity, and taking the signal's title, if
	 * the signal's is worse; raising a minor one from the third time).
	 */
	Incident raise(Signal signal) {
		Instant now = this.clock.instant();
		Optional<Incident> open = this.repository.findOpenForUpdate(signal.pipeline(), signal.type());
		if (open.isEmpty()) {
			try {
				Incident created = this.savepoint.execute((status) -> this.repository.insert(signal.pipeline(),
						signal.type(), signal.severity(), signal.title(), signal.modelAgeSeconds(), now));
				this.repository.addTimeline(created.id(), now, SYSTEM, "DETECTED", signal.detail());
				log.warn("Incident {} opened: {} {} of {}: {}", created.id(), created.severity(), created.type(),
						created.pipeline(), signal.detail());
				return changed(created.id(), IncidentNotice.TRIGGER, SYSTEM, signal.detail(), now);
			}
			catch (DuplicateKeyException ex) {
				open = this.repository.findOpenForUpdate(signal.pipeline(), signal.type());
			}
		}
		Incident incident = open.orElseThrow();
		int count = incident.count() + 1;
		Severity severity = incident.severity().worst(signal.severity()).escalatedFor(count);
		String title = (signal.severity().worst(incident.severity()) != incident.severity()) ? signal.title()
				: incident.title();
		this.repository.repeat(incident.id(), severity, title, signal.type() == IncidentType.TRAINING_FAILURE, null,
				now);
		boolean escalated = severity != incident.severity();
		String detail = signal.detail() + (escalated ? " (severity now " + severity + ")" : "");
		this.repository.addTimeline(incident.id(), now, SYSTEM, escalated ? "ESCALATED" : "REPEATED", detail);
		log.info("Incident {} ({} of {}) seen again ({} times): {}", incident.id(), incident.type(),
				incident.pipeline(), count, detail);
		return changed(incident.id(), IncidentNotice.UPDATE, SYSTEM, detail, now);
	}

	/**
	 * Resolves the open incident of a pipeline and type, if any: its condition cleared.
	 */
	void clear(String pipeline, IncidentType type, String detail) {
		this.repository.findOpenForUpdate(pipeline, type).ifPresent((open) -> resolve(open, SYSTEM, detail));
	}

	/** An operator's step: acknowledge, mitigate or resolve. */
	Incident transition(long id, IncidentStatus target, String actor, String comment) {
		Incident incident = this.repository.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
		boolean allowed = switch (target) {
			case ACKNOWLEDGED -> incident.status() == IncidentStatus.DETECTED;
			case MITIGATING ->
				incident.status() == IncidentStatus.DETECTED || incident.status() == IncidentStatus.ACKNOWLEDGED;
			case RESOLVED -> incident.status().open();
			case DETECTED -> false;
		};
		if (!allowed) {
			throw new IncidentStateException(
					"incident " + id + " is " + incident.status() + ": it cannot become " + target, incident.status());
		}
		String detail = (comment != null && !comment.isBlank()) ? comment.trim() : null;
		if (target == IncidentStatus.RESOLVED) {
			return resolve(incident, actor, detail);
		}
		Instant now = this.clock.instant();
		this.repository.setStatus(id, target, null, now);
		this.repository.addTimeline(id, now, actor, target.name(), detail);
		log.info("Incident {} ({} of {}) is now {} by {}", id, incident.type(), incident.pipeline(), target, actor);
		return changed(id,
				(target == IncidentStatus.ACKNOWLEDGED) ? IncidentNotice.ACKNOWLEDGE : IncidentNotice.MITIGATE, actor,
				detail, now);
	}

	private Incident resolve(Incident incident, String actor, String detail) {
		Instant now = this.clock.instant();
		Duration open = Duration.between(incident.openedAt(), now);
		Long ageReached = (incident.type() == IncidentType.FRESHNESS && incident.maxModelAgeSeconds() != null)
				? incident.maxModelAgeSeconds() + Math.max(0, open.toSeconds()) : null;
		this.repository.setStatus(incident.id(), IncidentStatus.RESOLVED, ageReached, now);
		this.repository.addTimeline(incident.id(), now, actor, IncidentStatus.RESOLVED.name(), detail);
		this.metrics.resolved(incident.type(), open);
		log.info("Incident {} ({} of {}) resolved by {} after {}: {}", incident.id(), incident.type(),
				incident.pipeline(), actor, open, detail);
		return changed(incident.id(), IncidentNotice.RESOLVE, actor, detail, now);
	}

	private Incident changed(long id, String action, String actor, String detail, Instant now) {
		Incident incident = this.repository.find(id).orElseThrow();
		this.outbox.enqueue(new IncidentNotice(action, id, incident.key(), incident.pipeline(), incident.type().name(),
				incident.severity().name(), incident.severity().level(), incident.status().name(), incident.title(),
				incident.count(), detail, actor, incident.openedAt(), incident.resolvedAt(), now), now);
		this.metrics.refresh();
		return incident;
	}

}
