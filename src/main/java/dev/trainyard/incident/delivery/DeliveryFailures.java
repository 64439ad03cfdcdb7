package dev.trainyard.incident.delivery;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one place that tells transient delivery failures from fatal ones: connection
 * errors, timeouts, HTTP 408, 429 and 5xx are transient (retried later, after
 * {@code Retry-After} when the receiver sends one); any other 4xx is fatal for that
 * notice.
 */
final class DeliveryFailures {

	private DeliveryFailures() {
	}

	static DeliveryResult classify(int status, Optional<String> retryAfter, Instant now) {
		if (status >= 200 && status < 300) {
			return DeliveryResult.DELIVERED;
		}
		String error = "HTTP " + status;
		if (status == 408 || status == 429 || status >= 500) {
			return new DeliveryResult(DeliveryResult.Kind.TRANSIENT,
					retryAfter.map((text) -> delay(text, now)).filter((delay) -> !delay.isNegative()).orElse(null),
					error);
		}
		return new DeliveryResult(DeliveryResult.Kind.FATAL, null, error);
	}

	static DeliveryResult classify(IOException ex) {
		String what = (ex instanceof HttpTimeoutException) ? "timed out" : "could not connect or send";
		return new DeliveryResult(DeliveryResult.Kind.TRANSIENT, null,
				what + ": " + ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
	}

	/** {@code Retry-After} as seconds or an HTTP date; {@code null} when unreadable. */
	private static Duration delay(String text, Instant now) {
		try {
			return Duration.ofSeconds(Long.parseLong(text.trim()));
		}
		catch (NumberFormatException ex) {
			try {
				return Duration.between(now, ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

}
