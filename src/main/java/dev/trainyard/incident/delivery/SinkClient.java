package dev.trainyard.incident.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Posts notices to one sink in its format, through the sink's circuit breaker. Never puts
 * the sink's URL, secret or routing key in an error.
 */
class SinkClient {

	private final String name;

	private final SinkFormat format;

	private final Duration timeout;

	private final HttpClient http;

	private final CircuitBreaker breaker;

	private final Clock clock;

	private final boolean forgetsSilentAlerts;

	SinkClient(String name, SinkFormat format, Duration timeout, CircuitBreaker breaker, Clock clock) {
		this.name = name;
		this.forgetsSilentAlerts = format instanceof AlertmanagerFormat;
		this.format = format;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
		this.breaker = breaker;
		this.clock = clock;
	}

	String name() {
		return this.name;
	}

	/**
	 * Whether the receiver resolves an alert by itself when it is not sent again
	 * (Alertmanager, after its {@code resolve_timeout}).
	 */
	boolean forgetsSilentAlerts() {
		return this.forgetsSilentAlerts;
	}

	/** Whether the circuit breaker lets a call through now. */
	boolean permitted() {
		return this.breaker.tryAcquirePermission();
	}

	/**
	 * Sends one notice; call only after {@link #permitted()} said yes. A transient
	 * failure counts against the breaker; a delivery or a fatal refusal (the receiver is
	 * up) for it.
	 */
	DeliveryResult send(IncidentNotice notice, String eventId) {
		Outgoing outgoing = this.format.format(notice, eventId);
		HttpRequest.Builder request = HttpRequest.newBuilder(outgoing.uri())
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "Trainyard")
			.POST(HttpRequest.BodyPublishers.ofByteArray(outgoing.body()));
		outgoing.headers().forEach(request::header);
		long start = System.nanoTime();
		DeliveryResult result;
		try {
			HttpResponse<Void> response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
			result = DeliveryFailures.classify(response.statusCode(), response.headers().firstValue("Retry-After"),
					this.clock.instant());
		}
		catch (IOException | RuntimeException ex) {
			result = DeliveryFailures.classify(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result = new DeliveryResult(DeliveryResult.Kind.TRANSIENT, null, "interrupted");
		}
		long elapsed = System.nanoTime() - start;
		if (result.kind() == DeliveryResult.Kind.TRANSIENT) {
			this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IOException(result.error()));
		}
		else {
			this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
		}
		return result;
	}

}
