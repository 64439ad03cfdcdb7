package dev.trainyard.pipeline;

import java.nio.file.Path;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the pipeline module.
 * <p>
 * The jobs dir comes from the plain property {@code jobs-dir} (so the documented command
 * line option {@code --jobs-dir=DIR} works) and otherwise from
 * {@code trainyard.pipeline.jobs-dir} ({@link PipelineProperties}, default {@code jobs}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineProperties.class)
class PipelineConfiguration {

	static final String JOBS_DIR_OPTION = "jobs-dir";

	@Bean
	PipelineCatalog pipelineCatalog(PipelineProperties properties, Environment environment) {
		String option = environment.getProperty(JOBS_DIR_OPTION);
		Path jobsDir = (option != null && !option.isBlank()) ? Path.of(option) : properties.jobsDir();
		return new PipelineCatalog(jobsDir);
	}

}
