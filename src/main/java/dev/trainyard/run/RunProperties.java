package dev.trainyard.run;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Run execution settings.
 *
 * @param heartbeatInterval how often a process records that its runs are alive
 * @param deadAfter how old a heartbeat must be, by the database's clock, before its run
 * is taken for dead (runs of this host whose process is gone are taken for dead at once)
 * @param asynchronous whether launches return at once (server) or wait for the run (CLI)
 * @param maxConcurrent how many runs train at once in one server; more wait in the queue
 * @param maxQueued how many runs may wait in the queue (of all servers sharing the
 * database); a launch beyond is refused with {@code 429}
 * @param stopGrace how long a shutdown ({@code SIGTERM}) waits for runs to stop at their
 * next checkpoint before it gives up the segments in progress (keep it inside
 * {@code spring.lifecycle.timeout-per-shutdown-phase})
 * @param queueCheckInterval how often a server looks for queued runs and run-level
 * restarts that are due
 */
@Validated
@ConfigurationProperties("trainyard.runs")
record RunProperties(@DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("60s") Duration deadAfter,
		@DefaultValue("true") boolean asynchronous, @DefaultValue("2") @Min(1) int maxConcurrent,
		@DefaultValue("20") @Min(0) int maxQueued, @DefaultValue("25s") Duration stopGrace,
		@DefaultValue("1s") Duration queueCheckInterval) {
}
