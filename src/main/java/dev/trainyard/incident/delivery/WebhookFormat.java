package dev.trainyard.incident.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * A generic webhook: JSON with the stable event {@code id}, the action and the incident;
 * signed with {@code X-Trainyard-Signature: sha256=<hex HMAC-SHA256 of the raw body>}
 * when the sink has a secret.
 */
class WebhookFormat implements SinkFormat {

	static final String SIGNATURE = "X-Trainyard-Signature";

	static final String EVENT_ID = "X-Trainyard-Event-Id";

	private final URI url;

	private final byte[] secret;

	private final JsonMapper json;

	WebhookFormat(URI url, String secret, JsonMapper json) {
		this.url = url;
		this.secret = (secret != null && !secret.isEmpty()) ? secret.getBytes(StandardCharsets.UTF_8) : null;
		this.json = json;
	}

	@Override
	public Outgoing format(IncidentNotice notice, String eventId) {
		Map<String, Object> incident = new LinkedHashMap<>();
		incident.put("id", notice.incidentId());
		incident.put("key", notice.key());
		incident.put("pipeline", notice.pipeline());
		incident.put("type", notice.type());
		incident.put("severity", notice.severity());
		incident.put("status", notice.status());
		incident.put("title", notice.title());
		incident.put("count", notice.count());
		incident.put("openedAt", Texts.instant(notice.openedAt()));
		incident.put("resolvedAt", Texts.instant(notice.resolvedAt()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", eventId);
		body.put("action", notice.action());
		body.put("at", Texts.instant(notice.at()));
		body.put("actor", notice.actor());
		body.put("detail", notice.detail());
		body.put("incident", incident);
		byte[] bytes = this.json.writeValueAsBytes(body);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(EVENT_ID, eventId);
		if (this.secret != null) {
			headers.put(SIGNATURE, "sha256=" + hmac(this.secret, bytes));
		}
		return new Outgoing(this.url, bytes, headers);
	}

	/** The hex HMAC-SHA256 of {@code body} under {@code key}. */
	static String hmac(byte[] key, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
