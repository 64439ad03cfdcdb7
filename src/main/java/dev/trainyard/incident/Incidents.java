package dev.trainyard.incident;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import dev.trainyard.incident.delivery.Outbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident module's facade: incidents with their timelines, runbooks and deliveries;
 * an operator's acknowledge, mitigate and resolve; a post-incident review draft.
 * Incidents open and resolve by themselves from the reliability events (see
 * {@link ReliabilityEvents}).
 */
@Service
public class Incidents {

	private final IncidentRepository repository;

	private final IncidentRecorder recorder;

	private final Outbox outbox;

	private final Clock clock;

	Incidents(IncidentRepository repository, IncidentRecorder recorder, Outbox outbox, Clock clock) {
		this.repository = repository;
		this.recorder = recorder;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Newest first.
	 * @param status {@code open} (not resolved), a status ({@code RESOLVED}, …) or
	 * {@code null} for all
	 * @throws IllegalArgumentException for another status
	 */
	public List<IncidentView> list(String status, String pipeline, int limit) {
		Boolean open = null;
		IncidentStatus only = null;
		if (status != null && status.equalsIgnoreCase("open")) {
			open = true;
		}
		else if (status != null) {
			try {
				only = IncidentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("unknown status '" + status + "'; expected open, DETECTED,"
						+ " ACKNOWLEDGED, MITIGATING or RESOLVED");
			}
		}
		return this.repository.list(open, only, pipeline, limit).stream().map(this::view).toList();
	}

	public IncidentView find(long id) {
		return view(this.repository.find(id).orElseThrow(() -> new IncidentNotFoundException(id)));
	}

	@Transactional
	public IncidentView acknowledge(long id, String actor, String comment) {
		return view(this.recorder.transition(id, IncidentStatus.ACKNOWLEDGED, actor, comment));
	}

	@Transactional
	public IncidentView mitigate(long id, String actor, String comment) {
		return view(this.recorder.transition(id, IncidentStatus.MITIGATING, actor, comment));
	}

	@Transactional
	public IncidentView resolve(long id, String actor, String comment) {
		return view(this.recorder.transition(id, IncidentStatus.RESOLVED, actor, comment));
	}

	/** A blameless post-incident review drafted from the incident, in Markdown. */
	public String review(long id) {
		return IncidentReview.draft(find(id), this.clock.instant());
	}

	private IncidentView view(Incident incident) {
		return new IncidentView(incident.id(), incident.key(), incident.pipeline(), incident.type(),
				incident.severity(), incident.status(), incident.title(), incident.count(), incident.runsFailed(),
				incident.maxModelAgeSeconds(), incident.openedAt(), incident.updatedAt(), incident.resolvedAt(),
				this.repository.timeline(incident.id()), Runbooks.of(incident.type()),
				this.outbox.deliveries(incident.id()));
	}

}
