package dev.trainyard.incident.delivery;

import java.time.Instant;

/**
 * What one incident change tells the sinks, frozen in the outbox when the change is made:
 * every retry formats the same notice the same way.
 *
 * @param action {@value #TRIGGER}, {@value #UPDATE}, {@value #ACKNOWLEDGE},
 * {@value #MITIGATE} or {@value #RESOLVE}
 * @param key the incident's stable key (PagerDuty's {@code dedup_key})
 * @param detail what happened, in words
 * @param actor who made the change ({@code trainyard} for automatic ones)
 */
public record IncidentNotice(String action, long incidentId, String key, String pipeline, String type, String severity,
		String level, String status, String title, int count, String detail, String actor, Instant openedAt,
		Instant resolvedAt, Instant at) {

	public static final String TRIGGER = "trigger";

	public static final String UPDATE = "update";

	public static final String ACKNOWLEDGE = "acknowledge";

	public static final String MITIGATE = "mitigate";

	public static final String RESOLVE = "resolve";

}
