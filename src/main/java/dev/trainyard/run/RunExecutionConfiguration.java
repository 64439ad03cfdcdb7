package dev.trainyard.run;

import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Runs execute on their own threads in the server and on the caller's thread in the CLI,
 * each thread holding its run until its execution ends ({@link RunTaskExecutor}); a run's
 * thread carries on its launcher's tracing context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class RunExecutionConfiguration {

	@Bean
	@BatchTaskExecutor
	TaskExecutor runTaskExecutor(RunProperties properties, ActiveRuns active, RunRepository runs, RunContexts contexts,
			ApplicationEventPublisher events) {
		TaskExecutor threads = properties.asynchronous() ? runThreads() : new SyncTaskExecutor();
		return new RunTaskExecutor(threads, active, runs, contexts, events);
	}

	/**
	 * A thread per run that carries on the context of its launch (the observation of the
	 * launching request, so a run's spans are part of that request's trace).
	 */
	private static SimpleAsyncTaskExecutor runThreads() {
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("run-");
		threads.setTaskDecorator(new ContextPropagatingTaskDecorator());
		return threads;
	}

}
