package dev.trainyard.scheduling;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.run.Runs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Cron launches run in the server only (not in the CLI). The scheduler's two threads also
 * serve the server's other {@code @Scheduled} work (approval expiry).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "trainyard.scheduling.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchedulingProperties.class)
class SchedulingConfiguration {

	@Bean
	ThreadPoolTaskScheduler taskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("schedule-");
		scheduler.setPoolSize(2);
		return scheduler;
	}

	@Bean
	PipelineScheduler pipelineScheduler(PipelineCatalog catalog, Runs runs, ThreadPoolTaskScheduler taskScheduler,
			SchedulingProperties properties) {
		return new PipelineScheduler(catalog, runs, taskScheduler, properties);
	}

}
