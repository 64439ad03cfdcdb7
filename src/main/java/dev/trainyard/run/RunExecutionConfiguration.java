package dev.trainyard.run;

import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Runs execute on their own threads in the server and on the caller's thread in the CLI.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class RunExecutionConfiguration {

	@Bean
	@BatchTaskExecutor
	TaskExecutor runTaskExecutor(RunProperties properties) {
		return properties.asynchronous() ? new SimpleAsyncTaskExecutor("run-") : new SyncTaskExecutor();
	}

}
