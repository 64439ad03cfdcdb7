package dev.trainyard.incident.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.trainyard.failure.Failures;
import dev.trainyard.incident.delivery.DeliveryResult.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryFailuresTests {

	static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

	@Test
	void successIsDelivered() {
		assertThat(DeliveryFailures.classify(202, Optional.empty(), NOW).kind()).isEqualTo(Kind.DELIVERED);
	}

	@Test
	void whatTheOneClassifierCallsTransientIsRetried() {
		for (int status : List.of(500, 502, 503, 504, 408, 425, 429)) {
			assertThat(Failures.isTransientStatus(status)).as("HTTP %d", status).isTrue();
			assertThat(DeliveryFailures.classify(status, Optional.empty(), NOW).kind()).as("HTTP %d", status)
				.isEqualTo(Kind.TRANSIENT);
		}
		for (Exception failure : List.of(new ConnectException("refused"), new HttpTimeoutException("slow"),
				new UncheckedIOException(new IOException("reset")))) {
			assertThat(Failures.isTransient(failure)).as("%s", failure).isTrue();
			assertThat(DeliveryFailures.classify(failure).kind()).as("%s", failure).isEqualTo(Kind.TRANSIENT);
		}
		assertThat(DeliveryFailures.classify(new HttpTimeoutException("request timed out")).error())
			.startsWith("timed out");
	}

	@Test
	void otherClientErrorsAreFatal() {
		for (int status : List.of(400, 401, 403, 404, 410, 422)) {
			assertThat(Failures.isTransientStatus(status)).as("HTTP %d", status).isFalse();
			DeliveryResult result = DeliveryFailures.classify(status, Optional.empty(), NOW);
			assertThat(result.kind()).as("HTTP %d", status).isEqualTo(Kind.FATAL);
			assertThat(result.error()).isEqualTo("HTTP " + status);
		}
	}

	@Test
	void aRequestThatCannotBeSentIsFatalAndNotQuoted() {
		DeliveryResult result = DeliveryFailures
			.classify(new IllegalArgumentException("invalid header value: Bearer s3cr3t"));
		assertThat(result.kind()).isEqualTo(Kind.FATAL);
		assertThat(result.error()).isEqualTo("could not send: IllegalArgumentException");
	}

	@Test
	void retryAfterIsHonouredInSecondsOrAsADate() {
		assertThat(DeliveryFailures.classify(429, Optional.of("120"), NOW).retryAfter())
			.isEqualTo(Duration.ofMinutes(2));
		assertThat(DeliveryFailures.classify(503, Optional.of("Mon, 05 Jan 2026 10:00:30 GMT"), NOW).retryAfter())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(DeliveryFailures.classify(503, Optional.of("whenever"), NOW).retryAfter()).isNull();
	}

	@Test
	void backoffDoublesUpToItsMaximumWithJitter() {
		IncidentProperties properties = new IncidentProperties(List.of(),
				new IncidentProperties.Delivery(Duration.ofSeconds(1), 10, Duration.ofSeconds(30),
						Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(1)),
				new IncidentProperties.CircuitBreaker(50, 10, 5, Duration.ofSeconds(30)));
		OutboxDrain drain = new OutboxDrain(null, null, null, null, null, properties);
		assertThat(drain.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(drain.backoff(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(drain.backoff(12)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
		assertThat(drain.backoff(100)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
	}

	@Test
	void ioFailuresNameTheirKindButNoAddress() {
		assertThat(DeliveryFailures.classify(new IOException("connection reset")).error())
			.isEqualTo("could not connect or send: IOException connection reset");
	}

}
