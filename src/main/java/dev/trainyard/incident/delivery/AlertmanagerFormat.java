package dev.trainyard.incident.delivery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's own API, {@code POST <url>/api/v2/alerts}: one alert per incident,
 * {@code labels.alertname} {@code Trainyard<Type>}, {@code startsAt} when it opened and
 * {@code endsAt} once resolved.
 */
class AlertmanagerFormat implements SinkFormat {

	private final URI alerts;

	private final JsonMapper json;

	AlertmanagerFormat(URI url, JsonMapper json) {
		String base = url.toString();
		this.alerts = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
		this.json = json;
	}

	@Override
	public Outgoing format(IncidentNotice notice, String eventId) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("alertname", "Trainyard" + Texts.camel(notice.type()));
		labels.put("pipeline", notice.pipeline());
		labels.put("incident_type", notice.type());
		labels.put("severity", notice.level());
		labels.put("sev", notice.severity());
		labels.put("incident", notice.key());
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", notice.title());
		annotations.put("description", Texts.limit(notice.detail(), 2000));
		annotations.put("status", notice.status());
		annotations.put("count", String.valueOf(notice.count()));
		annotations.put("event_id", eventId);
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("labels", labels);
		alert.put("annotations", annotations);
		alert.put("startsAt", Texts.instant(notice.openedAt()));
		if (notice.resolvedAt() != null) {
			alert.put("endsAt", Texts.instant(notice.resolvedAt()));
		}
		return new Outgoing(this.alerts, this.json.writeValueAsBytes(List.of(alert)), Map.of());
	}

}
