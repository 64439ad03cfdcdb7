package dev.trainyard.incident.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.incident.delivery.IncidentProperties.Sink;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured sinks, each with its format and its circuit breaker
 * ({@code incidents-<sink>} in {@code resilience4j_circuitbreaker_state}).
 */
class Sinks {

	private final Map<String, SinkClient> clients = new LinkedHashMap<>();

	Sinks(IncidentProperties properties, CircuitBreakerRegistry breakers, JsonMapper json, Clock clock) {
		for (Sink sink : properties.sinks()) {
			SinkFormat format = switch (sink.type()) {
				case "webhook" -> new WebhookFormat(sink.url(), sink.secret(), json);
				case "alertmanager" -> new AlertmanagerFormat(sink.url(), json);
				case "pagerduty" -> new PagerDutyFormat(sink.url(), sink.routingKey(), json);
				case "slack" -> new SlackFormat(sink.url(), json);
				default -> throw new IllegalStateException("unknown sink type " + sink.type());
			};
			this.clients.put(sink.name(), new SinkClient(sink.name(), format, sink.timeout(),
					breakers.circuitBreaker("incidents-" + sink.name()), clock));
		}
	}

	static CircuitBreakerConfig breakerConfig(IncidentProperties.CircuitBreaker settings) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.waitDurationInOpenState(settings.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

	Optional<SinkClient> get(String name) {
		return Optional.ofNullable(this.clients.get(name));
	}

	Iterable<String> names() {
		return this.clients.keySet();
	}

	/** The sinks whose receivers forget an alert that is not sent again. */
	java.util.List<String> forgettingSilentAlerts() {
		return this.clients.values().stream().filter(SinkClient::forgetsSilentAlerts).map(SinkClient::name).toList();
	}

}
