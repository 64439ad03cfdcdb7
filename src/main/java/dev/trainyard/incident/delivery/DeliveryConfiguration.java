package dev.trainyard.incident.delivery;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * Incident delivery: its settings, the sinks and their circuit breakers (exported through
 * Resilience4j's Micrometer binder), the drain, scheduled in the server and run once,
 * bounded, when a CLI process closes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncidentProperties.class)
class DeliveryConfiguration {

	@Bean
	CircuitBreakerRegistry incidentCircuitBreakers(IncidentProperties properties, MeterRegistry meterRegistry) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(Sinks.breakerConfig(properties.circuitBreaker()));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
		return registry;
	}

	@Bean
	Sinks incidentSinks(IncidentProperties properties, CircuitBreakerRegistry incidentCircuitBreakers, JsonMapper json,
			Clock clock) {
		return new Sinks(properties, incidentCircuitBreakers, json, clock);
	}

	@Bean
	OutboxDrain outboxDrain(Outbox outbox, Sinks incidentSinks, MeterRegistry meterRegistry, JsonMapper json,
			Clock clock, IncidentProperties properties) {
		return new OutboxDrain(outbox, incidentSinks, new DeliveryMetrics(meterRegistry, incidentSinks), json, clock,
				properties);
	}

	@Bean
	@ConditionalOnWebApplication
	DrainSchedule outboxDrainSchedule(OutboxDrain outboxDrain, TaskScheduler taskScheduler,
			IncidentProperties properties) {
		return new DrainSchedule(outboxDrain, taskScheduler, properties.delivery().interval(),
				properties.delivery().alertRefreshInterval());
	}

	@Bean
	@ConditionalOnNotWebApplication
	LastDrain lastOutboxDrain(OutboxDrain outboxDrain, IncidentProperties properties) {
		return new LastDrain(outboxDrain, properties.delivery().cliDrainTimeout());
	}

}
