package dev.trainyard.pipeline;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PipelineConfiguration.class);

	@Test
	void usesTheJobsFolderByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(PipelineCatalog.class).jobsDir()).isEqualTo(Path.of("jobs")));
	}

	@Test
	void readsTheJobsDirFromTheModuleProperty() {
		this.contextRunner.withPropertyValues("trainyard.pipeline.jobs-dir=/srv/pipelines")
			.run((context) -> assertThat(context.getBean(PipelineCatalog.class).jobsDir())
				.isEqualTo(Path.of("/srv/pipelines")));
	}

	@Test
	void letsTheJobsDirOptionWin() {
		this.contextRunner.withPropertyValues("trainyard.pipeline.jobs-dir=/srv/pipelines", "jobs-dir=other")
			.run((context) -> assertThat(context.getBean(PipelineCatalog.class).jobsDir()).isEqualTo(Path.of("other")));
	}

}
