package dev.trainyard.incident.delivery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's Events API v2: {@code trigger} (also for a repeat, which PagerDuty
 * deduplicates), {@code acknowledge} (also for mitigating) and {@code resolve}, with
 * {@code dedup_key} the incident's key.
 */
record PagerDutyFormat(URI url, String routingKey, JsonMapper json) implements SinkFormat {

	static final URI EVENTS_API = URI.create("https://events.pagerduty.com/v2/enqueue");

	PagerDutyFormat {
		url = (url != null) ? url : EVENTS_API;
	}

	@Override
	public Outgoing format(IncidentNotice notice, String eventId) {
		String action = switch (notice.action()) {
			case IncidentNotice.ACKNOWLEDGE, IncidentNotice.MITIGATE -> "acknowledge";
			case IncidentNotice.RESOLVE -> "resolve";
			default -> "trigger";
		};
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("routing_key", this.routingKey);
		body.put("event_action", action);
		body.put("dedup_key", notice.key());
		if (action.equals("trigger")) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("incident", notice.incidentId());
			details.put("status", notice.status());
			details.put("count", notice.count());
			details.put("detail", notice.detail());
			details.put("event_id", eventId);
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("summary", Texts.limit("[" + notice.severity() + "] " + notice.title(), 1024));
			payload.put("source", "trainyard/" + notice.pipeline());
			payload.put("severity", notice.level());
			payload.put("timestamp", Texts.instant(notice.at()));
			payload.put("component", notice.pipeline());
			payload.put("group", "trainyard");
			payload.put("class", notice.type());
			payload.put("custom_details", details);
			body.put("payload", payload);
			body.put("client", "Trainyard");
		}
		return new Outgoing(this.url, this.json.writeValueAsBytes(body), Map.of());
	}

}
