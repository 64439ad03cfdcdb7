package dev.trainyard.cli;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("trainyard.cli.command")
class CliConfiguration {

	@Bean
	CliStreams cliStreams() {
		return CliStreams.current();
	}

}
