package dev.trainyard.slo;

import java.time.Clock;

import dev.trainyard.pipeline.PipelineCatalog;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * The reliability indicators. Their gauges and the periodic evaluation are the server's
 * (which schedules with {@code @EnableScheduling}): a CLI run exports none, but evaluates
 * a pipeline when its champion changes or a run of it ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SloProperties.class)
class SloConfiguration {

	@Bean
	@ConditionalOnWebApplication
	FreshnessMetrics freshnessMetrics(PipelineCatalog catalog, Freshness freshness, MeterRegistry meterRegistry,
			TaskScheduler taskScheduler, Clock clock, SloProperties properties) {
		return new FreshnessMetrics(catalog, freshness, meterRegistry, taskScheduler, clock, properties);
	}

	@Bean
	@ConditionalOnWebApplication
	SloSchedule sloSchedule(SloEvaluator evaluator, MeterRegistry meterRegistry, TaskScheduler taskScheduler,
			SloProperties properties) {
		return new SloSchedule(evaluator, new BudgetMetrics(meterRegistry), taskScheduler, properties);
	}

}
