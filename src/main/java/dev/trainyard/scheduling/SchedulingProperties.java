package dev.trainyard.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cron launches in the server.
 *
 * @param enabled whether the server launches pipelines on their {@code schedule}
 * @param refreshInterval how often pipeline files are re-read for new, changed or removed
 * schedules
 */
@Validated
@ConfigurationProperties("trainyard.scheduling")
record SchedulingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration refreshInterval) {
}
