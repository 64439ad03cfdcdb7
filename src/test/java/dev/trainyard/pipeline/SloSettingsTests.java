package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.pipeline.PipelineDefinition.SloObjective;
import dev.trainyard.pipeline.PipelineDefinition.SloSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SloSettingsTests {

	private final PipelineCatalog catalog = new PipelineCatalog(Path.of("jobs"));

	@Test
	void objectivesAreReadFromTheSloBlock() {
		PipelineDefinition definition = parse("""
				slo:
				  run-success: { target: 0.9, window: 7d }
				  freshness: { target: 0.999, window: 90d }
				""");
		assertThat(definition.slo()).isEqualTo(
				new SloSpec(new SloObjective(0.9, Duration.ofDays(7)), new SloObjective(0.999, Duration.ofDays(90))));
	}

	@Test
	void missingObjectivesAndFieldsTakeTheDefaults() {
		assertThat(parse("").slo()).isEqualTo(SloSpec.DEFAULT);
		PipelineDefinition definition = parse("slo: { run-success: { target: 0.8 } }\n");
		assertThat(definition.slo().runSuccess()).isEqualTo(new SloObjective(0.8, Duration.ofDays(30)));
		assertThat(definition.slo().freshness()).isEqualTo(SloSpec.DEFAULT.freshness());
	}

	@Test
	void targetsOutsideZeroToOneAndBadWindowsNameTheirLineAndField() {
		assertThatExceptionOfType(InvalidPipelineException.class).isThrownBy(() -> parse("""
				slo:
				  run-success: { target: 1.0 }
				  freshness: { target: 0.99, window: soon }
				  latency: { target: 0.5 }
				""")).satisfies((ex) -> assertThat(ex.problems()).satisfiesExactlyInAnyOrder((problem) -> {
			assertThat(problem.field()).isEqualTo("slo.run-success.target");
			assertThat(problem.line()).isEqualTo(5);
			assertThat(problem.message()).contains("between 0 and 1");
		}, (problem) -> {
			assertThat(problem.field()).isEqualTo("slo.freshness.window");
			assertThat(problem.line()).isEqualTo(6);
			assertThat(problem.message()).contains("not a duration");
		}, (problem) -> {
			assertThat(problem.field()).isEqualTo("slo.latency");
			assertThat(problem.message()).contains("unknown key");
		}));
	}

	private PipelineDefinition parse(String slo) {
		return this.catalog.parse(Path.of("jobs/p.yaml"), """
				name: p
				dataset: { path: "synthetic:classification?rows=100&features=3&seed=1", label: label }
				trainer: { objective: binary:logistic, rounds: 10 }
				%s""".formatted(slo));
	}

}
