package dev.trainyard.pipeline;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the pipeline module.
 *
 * @param jobsDir the folder holding the pipeline files ({@code *.yaml}); the command line
 * option {@code --jobs-dir=DIR} overrides it (see {@link PipelineConfiguration})
 */
@ConfigurationProperties("trainyard.pipeline")
@Validated
record PipelineProperties(@NotNull @DefaultValue("jobs") Path jobsDir) {

}
