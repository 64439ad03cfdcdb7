package dev.trainyard.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PipelineValidationTests extends DemoPipelineParsing {

	private static final String DATASET = """
			dataset:
			  path: synthetic:classification?rows=100&features=4
			  label: y
			""";

	private static final String TRAINER = """
			trainer:
			  objective: binary:logistic
			  rounds: 10
			""";

	/** A valid pipeline on lines 1-7, so that an added block starts on line 8. */
	private static final String VALID = "name: demo\n" + DATASET + TRAINER;

	@Test
	void acceptsTheBasePipeline() {
		assertThat(parse(VALID).name()).isEqualTo("demo");
	}

	@Test
	void reportsAnUnknownKeyWithTheAllowedKeys() {
		String yaml = "name: demo\n" + DATASET + "trainer:\n  objective: binary:logistic\n  round: 10\n";
		assertThat(problems(yaml)).extracting(PipelineProblem::field, PipelineProblem::line, PipelineProblem::message)
			.containsExactly(tuple("trainer.rounds", 5, "is required"), tuple("trainer.round", 7,
					"unknown key (allowed: type, objective, rounds, params, checkpoint-every, timeout)"));
	}

	@Test
	void reportsAValidationFractionOutsideZeroToOne() {
		for (String fraction : List.of("0", "1", "1.5", "-0.2")) {
			String yaml = VALID.replace("  label: y\n", "  label: y\n  validation-fraction: " + fraction + "\n");
			assertProblem(yaml, "dataset.validation-fraction", 5, "must be between 0 and 1 (exclusive)");
		}
	}

	@Test
	void reportsADatasetPathThatIsAFolder() throws IOException {
		Files.createDirectories(this.jobsDir.resolve("data"));
		assertProblem(VALID.replace("synthetic:classification?rows=100&features=4", "data"), "dataset.path", 3,
				"is not a regular file");
	}

	@Test
	void reportsAMalformedSyntheticSource() {
		for (String path : List.of("synthetic:classification?rows=0&features=4", "synthetic:classification?rows=5",
				"synthetic:images?rows=5&features=4", "synthetic:regression?rows=5&features=4&classes=3",
				"synthetic:classification?rows=5&features=4&classes=1", "synthetic:classification?rows=x&features=4",
				"synthetic:classification?rows=5&features=4&seed")) {
			assertProblem(VALID.replace("synthetic:classification?rows=100&features=4", path), "dataset.path", 3,
					"malformed synthetic source '" + path + "'");
		}
	}

	@Test
	void reportsEveryProblemInAFileNotJustTheFirst() {
		String yaml = """
				name: demo
				dataset:
				  path: synthetic:classification?rows=100&features=4
				  label: y
				  validation-fraction: 2
				trainer:
				  objective: binary:logistic
				  rounds: -1
				promotion: { approval: never }
				""";
		InvalidPipelineException ex = assertThatExceptionOfType(InvalidPipelineException.class)
			.isThrownBy(() -> parse(yaml))
			.actual();
		assertThat(ex.problems()).extracting(PipelineProblem::field, PipelineProblem::line)
			.containsExactly(tuple("dataset.validation-fraction", 5), tuple("trainer.rounds", 8),
					tuple("promotion.approval", 9));
		assertThat(ex.getMessage()).isEqualTo(String.join("\n", ex.problems().stream().map(Object::toString).toList()));
		assertThat(ex.getMessage()).startsWith(this.jobsDir.resolve("demo.yaml") + ":5: dataset.validation-fraction: ");
	}

	/** Files with one problem each: its field, its line and a fragment of its message. */
	static Stream<Arguments> filesWithOneProblem() {
		return Stream.of(
				arguments(VALID + "  checkpoint-every: 11\n", "trainer.checkpoint-every", 8,
						"must be between 1 and rounds (10)"),
				arguments(VALID + "  checkpoint-every: 0\n", "trainer.checkpoint-every", 8, "must be between 1"),
				arguments("name: demo\ndataset:\n  path: x\n label: y\n", null, 4, "invalid YAML"),
				arguments("# nothing here\n", null, null, "file is empty"),
				arguments("\n- name: demo\n", null, 2, "top level must be a mapping"),
				arguments(VALID + "gate: []\n", "gate", 8, "unknown key (allowed: name, schedule, dataset"),
				arguments(VALID + "name: other\n", "name", 8, "duplicate key"),
				arguments(VALID.replace("rounds: 10", "rounds: ten"), "trainer.rounds", 7,
						"must be an integer, got 'ten'"),
				arguments(VALID.replace("label: y", "label: { a: b }"), "dataset.label", 4, "must be a text value"),
				arguments("name: demo\n" + DATASET + "trainer: xgboost\n", "trainer", 5, "must be a mapping"),
				arguments(DATASET + TRAINER, "name", null, "is required"),
				arguments(VALID.replace("  label: y\n", ""), "dataset.label", 2, "is required"),
				arguments(VALID.replace("name: demo", "name: Demo_1"), "name", 1, "must match [a-z0-9-]+"),
				arguments(VALID.replace("name: demo", "name: other"), "name", 1, "must equal the file name"),
				arguments(VALID + "schedule:\n  cron: \"0 3 * * *\"\n", "schedule.cron", 9, "must consist of 6 fields"),
				arguments(VALID + "schedule: { cron: \"0 0 3 * * *\", zone: Mars/Olympus }\n", "schedule.zone", 8,
						"unknown time zone 'Mars/Olympus'"),
				arguments(VALID.replace("rounds: 10", "rounds: 0"), "trainer.rounds", 7, "must be at least 1"),
				arguments(VALID.replace("binary:logistic", "binary:hinge"), "trainer.objective", 6,
						"unknown objective 'binary:hinge' (allowed: binary:logistic, multi:softprob, reg:squarederror)"),
				arguments(VALID + "  type: lightgbm\n", "trainer.type", 8, "unsupported trainer type 'lightgbm'"),
				arguments(VALID + "  params:\n    eta: [1, 2]\n", "trainer.params.eta", 9, "must be a number"),
				arguments(VALID + "gates:\n  - { metric: f1, min: 0.5 }\n", "gates[0].metric", 9,
						"unknown metric 'f1' (allowed: auc"),
				arguments(VALID + "gates:\n  - { metric: auc, min: 0.5 }\n  - metric: rmse\n    max: 3\n",
						"gates[1].metric", 10, "metric rmse does not apply to objective binary:logistic"),
				arguments(VALID + "gates:\n  - { metric: auc }\n", "gates[0]", 9,
						"needs at least one of min, max, max-regression"),
				arguments(VALID + "gates:\n  - metric: auc\n    max-regression: -0.1\n", "gates[0].max-regression", 10,
						"must not be negative"),
				arguments(VALID + "gates: { metric: auc }\n", "gates", 8, "must be a list"),
				arguments(VALID.replace("synthetic:classification?rows=100&features=4", "data/missing.csv"),
						"dataset.path", 3, "missing.csv does not exist"),
				arguments(VALID.replace("binary:logistic", "reg:squarederror"), "dataset.path", 3,
						"synthetic:classification data does not fit objective reg:squarederror"),
				arguments(VALID.replace("classification", "regression"), "dataset.path", 3,
						"synthetic:regression data does not fit objective binary:logistic"),
				arguments(VALID + "freshness: { max-age: 7 days }\n", "freshness.max-age", 8,
						"'7 days' is not a duration"),
				arguments(VALID + "promotion:\n  approval-timeout: 0s\n", "promotion.approval-timeout", 9,
						"must be positive"),
				arguments(VALID + "retry: { backoff: -5s }\n", "retry.backoff", 8, "must be positive"),
				arguments(VALID + "freshness:\n  max-age: 5d\n  warn-age: 5d\n", "freshness.warn-age", 10,
						"must be less than max-age (5d)"),
				arguments(VALID + "retry: { backoff: 10s, max-backoff: 5s }\n", "retry.max-backoff", 8,
						"must be at least backoff (10s)"),
				arguments(VALID + "retry: { backoff: 1m }\n", "retry.backoff", 8, "must not exceed max-backoff"),
				arguments(VALID + "retry:\n  max-attempts: 0\n", "retry.max-attempts", 9, "must be at least 1"),
				arguments(VALID + "promotion: { approval: sometimes }\n", "promotion.approval", 8,
						"must be manual or auto, got 'sometimes'"));
	}

}
