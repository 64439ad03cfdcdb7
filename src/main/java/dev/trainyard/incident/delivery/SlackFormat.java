package dev.trainyard.incident.delivery;

import java.net.URI;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A Slack incoming-webhook message: one line of what changed, one of the incident.
 */
record SlackFormat(URI url, JsonMapper json) implements SinkFormat {

	@Override
	public Outgoing format(IncidentNotice notice, String eventId) {
		String icon = switch (notice.action()) {
			case IncidentNotice.RESOLVE -> ":white_check_mark:";
			case IncidentNotice.ACKNOWLEDGE, IncidentNotice.MITIGATE -> ":eyes:";
			default -> ":rotating_light:";
		};
		String text = icon + " *" + notice.severity() + " " + notice.type() + "* `" + notice.pipeline() + "` "
				+ notice.status() + ": " + notice.title() + "\n" + "Incident " + notice.incidentId() + " (seen "
				+ notice.count() + "×), " + notice.action() + " by " + notice.actor() + ": "
				+ Texts.limit(notice.detail(), 500);
		return new Outgoing(this.url, this.json.writeValueAsBytes(Map.of("text", text)), Map.of());
	}

}
