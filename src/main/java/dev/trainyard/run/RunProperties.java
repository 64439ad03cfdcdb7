package dev.trainyard.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Run execution settings.
 *
 * @param heartbeatInterval how often a process records that its runs are alive
 * @param deadAfter how old a heartbeat must be before a run on another host is taken for
 * dead (runs on this host are checked by their process id at once)
 * @param asynchronous whether launches return at once (server) or wait for the run (CLI)
 */
@Validated
@ConfigurationProperties("trainyard.runs")
record RunProperties(@DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("60s") Duration deadAfter,
		@DefaultValue("true") boolean asynchronous) {
}
