package dev.trainyard;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Application-wide beans.
 */
@Configuration(proxyBeanMethods = false)
class TrainyardConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
