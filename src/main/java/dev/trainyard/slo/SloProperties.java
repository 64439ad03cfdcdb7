package dev.trainyard.slo;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the reliability indicators.
 *
 * @param evaluationInterval how often the server re-reads the pipelines and the registry
 * for the freshness gauges (the age itself is computed when the gauge is read)
 */
@ConfigurationProperties("trainyard.slo")
@Validated
record SloProperties(@NotNull @DefaultValue("1m") Duration evaluationInterval) {
}
