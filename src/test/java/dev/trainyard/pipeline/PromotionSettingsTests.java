package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.pipeline.PipelineDefinition.Approval;
import dev.trainyard.pipeline.PipelineDefinition.PromotionSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PromotionSettingsTests {

	private final PipelineCatalog catalog = new PipelineCatalog(Path.of("jobs"));

	@Test
	void fourEyesRuleIsReadFromThePromotionBlock() {
		PipelineDefinition definition = this.catalog.parse(Path.of("jobs/p.yaml"),
				file("promotion: { approval: manual, approval-timeout: 2d, require-distinct-approver: true }"));
		assertThat(definition.promotion()).isEqualTo(new PromotionSpec(Approval.MANUAL, Duration.ofDays(2), true));
	}

	@Test
	void fourEyesRuleIsOffByDefault() {
		PipelineDefinition definition = this.catalog.parse(Path.of("jobs/p.yaml"),
				file("promotion: { approval: manual }"));
		assertThat(definition.promotion().requireDistinctApprover()).isFalse();
	}

	@Test
	void fourEyesRuleMustBeABoolean() {
		assertThatExceptionOfType(InvalidPipelineException.class)
			.isThrownBy(() -> this.catalog.parse(Path.of("jobs/p.yaml"),
					file("promotion: { require-distinct-approver: sometimes }")))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("promotion.require-distinct-approver");
				assertThat(problem.line()).isEqualTo(4);
				assertThat(problem.message()).contains("true or false");
			}));
	}

	private static String file(String promotion) {
		return """
				name: p
				dataset: { path: "synthetic:classification?rows=100&features=3&seed=1", label: label }
				trainer: { objective: binary:logistic, rounds: 10 }
				%s
				""".formatted(promotion);
	}

}
