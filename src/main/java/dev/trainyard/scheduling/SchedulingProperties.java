package dev.trainyard.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cron launches in the server.
 *
 * @param enabled whether the server launches pipelines on their {@code schedule}
 * @param refreshInterval how often the scheduler checks the pipeline catalog for new,
 * changed or removed schedules (a reload over REST applies at once)
 * @param catchUpDelay how long after its start a server catches up the ticks missed while
 * no server ran (servers still running decide the ticks in flight meanwhile)
 */
@Validated
@ConfigurationProperties("trainyard.scheduling")
record SchedulingProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration refreshInterval,
		@DefaultValue("10s") Duration catchUpDelay) {
}
