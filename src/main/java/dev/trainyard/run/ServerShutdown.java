package dev.trainyard.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The server's {@code SIGTERM} (every Kubernetes eviction and rollout): the application
 * closes in order before the JVM shuts down — the web server stops taking requests, the
 * runs stop at their next checkpoint ({@link RunShutdown}, within
 * {@code trainyard.runs.stop-grace}), the database closes last — then the process exits
 * as a terminated one does ({@code 143}). Off with
 * {@code trainyard.runs.handle-signals=false}.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "trainyard.runs.handle-signals", matchIfMissing = true)
class ServerShutdown {

	private static final Logger log = LoggerFactory.getLogger(ServerShutdown.class);

	private static final int TERMINATED = 143;

	private final ConfigurableApplicationContext context;

	ServerShutdown(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	void handleSignals() {
		ShutdownSignals.onTermination("server-stop", () -> {
			log.info("Asked to terminate: stopping runs at their next checkpoint, then the server");
			try {
				this.context.close();
			}
			finally {
				System.exit(TERMINATED);
			}
		});
	}

}
