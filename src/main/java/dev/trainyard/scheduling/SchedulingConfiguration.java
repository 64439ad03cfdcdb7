package dev.trainyard.scheduling;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.run.Runs;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cron launches run in the server only (not in the CLI). The scheduler's two threads also
 * serve the server's other {@code @Scheduled} work (approval expiry). A server names
 * itself in the ticks it decides as {@code <pid>@<host>/<random>}.
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
	ScheduleRepository scheduleRepository(JdbcTemplate jdbc) {
		return new ScheduleRepository(jdbc);
	}

	@Bean
	TickDecisions tickDecisions(ScheduleRepository scheduleRepository, PipelineCatalog catalog, Runs runs,
			PlatformTransactionManager transactionManager, MeterRegistry meterRegistry, Clock clock) {
		return new TickDecisions(scheduleRepository, catalog, runs, new TransactionTemplate(transactionManager),
				meterRegistry,
				ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8),
				clock);
	}

	@Bean
	PipelineScheduler pipelineScheduler(PipelineCatalog catalog, ScheduleRepository scheduleRepository,
			TickDecisions tickDecisions, ThreadPoolTaskScheduler taskScheduler, SchedulingProperties properties,
			Clock clock) {
		return new PipelineScheduler(catalog, scheduleRepository, tickDecisions, taskScheduler, properties, clock);
	}

}
