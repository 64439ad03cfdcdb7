package dev.trainyard.incident.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where incidents are delivered, and how.
 *
 * @param sinks the receivers: {@code webhook}, {@code alertmanager}, {@code pagerduty} or
 * {@code slack}
 * @param delivery the outbox drain: its pace, leases, backoff and the CLI's last drain
 * @param circuitBreaker the circuit breaker each sink is called through
 */
@ConfigurationProperties("trainyard.incidents")
@Validated
record IncidentProperties(@DefaultValue List<Sink> sinks, @Valid @DefaultValue Delivery delivery,
		@Valid @DefaultValue CircuitBreaker circuitBreaker) {

	/** The sink types Trainyard can deliver to. */
	public static final List<String> TYPES = List.of("webhook", "alertmanager", "pagerduty", "slack");

	public IncidentProperties {
		sinks = named(sinks);
	}

	/**
	 * Checks every sink, naming it in the message, and gives each a name: its
	 * {@code name}, or its type when it is the only one of that type, else
	 * {@code <type>-<index>}.
	 */
	private static List<Sink> named(List<Sink> sinks) {
		List<Sink> named = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < sinks.size(); i++) {
			Sink sink = sinks.get(i);
			String where = "trainyard.incidents.sinks[" + i + "]";
			String type = (sink.type() != null) ? sink.type().trim().toLowerCase(Locale.ROOT) : null;
			if (type == null || !TYPES.contains(type)) {
				throw new IllegalArgumentException(
						where + ".type: " + ((type == null) ? "is required" : "unknown sink type '" + sink.type() + "'")
								+ "; expected one of " + TYPES);
			}
			if (sink.url() == null && !type.equals("pagerduty")) {
				throw new IllegalArgumentException(where + ".url: is required for a " + type + " sink");
			}
			if (type.equals("pagerduty") && (sink.routingKey() == null || sink.routingKey().isBlank())) {
				throw new IllegalArgumentException(where + ".routing-key: is required for a pagerduty sink");
			}
			String sameType = type;
			long ofType = sinks.stream()
				.filter((other) -> sameType.equalsIgnoreCase(String.valueOf(other.type())))
				.count();
			String name = (sink.name() != null) ? sink.name() : ((ofType == 1) ? type : type + "-" + i);
			if (!names.add(name)) {
				throw new IllegalArgumentException(where + ".name: '" + name + "' is the name of another sink");
			}
			named.add(new Sink(name, type, sink.url(), sink.secret(), sink.routingKey(), sink.timeout()));
		}
		return List.copyOf(named);
	}

	/**
	 * One receiver of incident notices. Its secret and routing key are never logged or
	 * shown by the API.
	 *
	 * @param name the name deliveries and metrics show (by default its type)
	 * @param url where to post ({@code alertmanager}: its base URL, Trainyard posts to
	 * {@code <url>/api/v2/alerts}; {@code pagerduty}: by default PagerDuty's Events API
	 * v2)
	 * @param secret {@code webhook}: the HMAC-SHA256 key of {@code X-Trainyard-Signature}
	 * @param routingKey {@code pagerduty}: the integration's routing key
	 * @param timeout how long one delivery may take (connecting and answering)
	 */
	public record Sink(String name, String type, URI url, String secret, String routingKey,
			@DefaultValue("5s") Duration timeout) {

		@Override
		public String toString() {
			return "Sink[name=" + this.name + ", type=" + this.type + "]";
		}

	}

	/**
	 * @param interval how often the server drains the outbox
	 * @param batchSize notices claimed per pass
	 * @param lease how long a claimed notice is this process's before another may take it
	 * @param initialBackoff the first retry's delay, doubled each time, with jitter
	 * @param maxBackoff the longest delay between two tries
	 * @param cliDrainTimeout how long {@code run} and {@code resume} try to deliver
	 * before they exit (a server on the same database delivers the rest)
	 * @param alertRefreshInterval how often the server sends open incidents again to
	 * Alertmanager sinks (less than Alertmanager's {@code resolve_timeout}, 5m by
	 * default)
	 */
	public record Delivery(@NotNull @DefaultValue("1s") Duration interval, @Positive @DefaultValue("50") int batchSize,
			@NotNull @DefaultValue("30s") Duration lease, @NotNull @DefaultValue("1s") Duration initialBackoff,
			@NotNull @DefaultValue("5m") Duration maxBackoff, @NotNull @DefaultValue("5s") Duration cliDrainTimeout,
			@NotNull @DefaultValue("1m") Duration alertRefreshInterval) {
	}

	/**
	 * Resilience4j's count-based circuit breaker, one per sink.
	 *
	 * @param failureRateThreshold the failure rate (percent) that opens it
	 * @param slidingWindowSize the calls the rate is computed over
	 * @param minimumNumberOfCalls calls before the rate counts
	 * @param waitInOpenState how long it stays open before it lets a trial call through
	 */
	public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
			@Positive @DefaultValue("10") int slidingWindowSize, @Positive @DefaultValue("5") int minimumNumberOfCalls,
			@NotNull @DefaultValue("30s") Duration waitInOpenState) {
	}

}
