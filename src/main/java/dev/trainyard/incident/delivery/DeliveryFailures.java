package dev.trainyard.incident.delivery;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.trainyard.failure.Failures;

/**
 * What a delivery attempt came to, with Trainyard's one classifier ({@link Failures}) of
 * transient and fatal failures: what it calls transient (a connection error, a timeout,
 * HTTP 408, 425, 429 or 5xx) is retried later, after {@code Retry-After} when the
 * receiver sends one; anything else (another 4xx, a request that cannot be sent at all)
 * is fatal for that notice.
 */
final class DeliveryFailures {

	private DeliveryFailures() {
	}

	static DeliveryResult classify(int status, Optional<String> retryAfter, Instant now) {
		if (status >= 200 && status < 300) {
			return DeliveryResult.DELIVERED;
		}
		String error = "HTTP " + status;
		if (Failures.isTransientStatus(status)) {
			return new DeliveryResult(DeliveryResult.Kind.TRANSIENT,
					retryAfter.map((text) -> delay(text, now)).filter((delay) -> !delay.isNegative()).orElse(null),
					error);
		}
		return new DeliveryResult(DeliveryResult.Kind.FATAL, null, error);
	}

	/**
	 * A request that got no answer. The error names the I/O failure's kind and message
	 * (never the receiver's address); of any other exception only its kind, as its
	 * message may quote the request.
	 */
	static DeliveryResult classify(Exception ex) {
		String kind = ex.getClass().getSimpleName();
		if (!Failures.isTransient(ex)) {
			return new DeliveryResult(DeliveryResult.Kind.FATAL, null, "could not send: " + kind);
		}
		String what = (ex instanceof HttpTimeoutException) ? "timed out" : "could not connect or send";
		return new DeliveryResult(DeliveryResult.Kind.TRANSIENT, null, what + ": " + kind
				+ ((ex instanceof IOException && ex.getMessage() != null) ? " " + ex.getMessage() : ""));
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
