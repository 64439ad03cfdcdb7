package dev.trainyard;

import java.time.Clock;

import dev.trainyard.training.TrainingProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Application-wide beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingProperties.class)
class TrainyardConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
