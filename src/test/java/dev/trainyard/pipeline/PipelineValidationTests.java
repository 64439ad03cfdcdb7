package dev.trainyard.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

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
	void reportsCheckpointEveryOutsideTheRounds() {
		String yaml = VALID + "  checkpoint-every: 11\n";
		assertProblem(yaml, "trainer.checkpoint-every", 8, "must be between 1 and rounds (10)");
		assertProblem(VALID + "  checkpoint-every: 0\n", "trainer.checkpoint-every", 8, "must be between 1");
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

	@ParameterizedTest
	@MethodSource("badPipelines")
	void reportsEachProblemWithItsFieldAndLine(String yaml, String field, Integer line, String fragment) {
		assertProblem(yaml, field, line, fragment);
	}

	/**
	 * Pipelines with one problem each: the field, the line and a fragment of the message
	 * it reports.
	 */
	static Stream<Arguments> badPipelines() {
		return Stream.of(
				argumentSet("reports broken yaml with the parser line", "name: demo\ndataset:\n  path: x\n label: y\n",
						null, 4, "invalid YAML"),
				argumentSet("reports an empty file", "# nothing here\n", null, null, "file is empty"),
				argumentSet("reports a top level that is not a mapping", "\n- name: demo\n", null, 2,
						"top level must be a mapping"),
				argumentSet("reports an unknown top level key", VALID + "gate: []\n", "gate", 8,
						"unknown key (allowed: name, schedule, dataset"),
				argumentSet("reports a duplicate key", VALID + "name: other\n", "name", 8, "duplicate key"),
				argumentSet("reports a text where a number is needed", VALID.replace("rounds: 10", "rounds: ten"),
						"trainer.rounds", 7, "must be an integer, got 'ten'"),
				argumentSet("reports a mapping where text is needed", VALID.replace("label: y", "label: { a: b }"),
						"dataset.label", 4, "must be a text value"),
				argumentSet("reports a text where a mapping is needed", "name: demo\n" + DATASET + "trainer: xgboost\n",
						"trainer", 5, "must be a mapping"),
				argumentSet("reports a missing required key: is required", DATASET + TRAINER, "name", null,
						"is required"),
				argumentSet("reports a missing required key: is required", VALID.replace("  label: y\n", ""),
						"dataset.label", 2, "is required"),
				argumentSet("reports a name that is not kebab case", VALID.replace("name: demo", "name: Demo_1"),
						"name", 1, "must match [a-z0-9-]+"),
				argumentSet("reports a name that differs from the file name",
						VALID.replace("name: demo", "name: other"), "name", 1, "must equal the file name"),
				argumentSet("reports a bad cron with the cron message", VALID + "schedule:\n  cron: \"0 3 * * *\"\n",
						"schedule.cron", 9, "must consist of 6 fields"),
				argumentSet("reports a bad zone", VALID + "schedule: { cron: \"0 0 3 * * *\", zone: Mars/Olympus }\n",
						"schedule.zone", 8, "unknown time zone 'Mars/Olympus'"),
				argumentSet("reports rounds below one", VALID.replace("rounds: 10", "rounds: 0"), "trainer.rounds", 7,
						"must be at least 1"),
				argumentSet("reports an unknown objective with the allowed ones",
						VALID.replace("binary:logistic", "binary:hinge"), "trainer.objective", 6,
						"unknown objective 'binary:hinge' (allowed: binary:logistic, multi:softprob, reg:squarederror)"),
				argumentSet("reports a trainer type other than xgboost", VALID + "  type: lightgbm\n", "trainer.type",
						8, "unsupported trainer type 'lightgbm'"),
				argumentSet("reports params that are not scalars", VALID + "  params:\n    eta: [1, 2]\n",
						"trainer.params.eta", 9, "must be a number"),
				argumentSet("reports an unknown gate metric", VALID + "gates:\n  - { metric: f1, min: 0.5 }\n",
						"gates[0].metric", 9, "unknown metric 'f1' (allowed: auc"),
				argumentSet("reports a gate metric that does not fit the objective",
						VALID + "gates:\n  - { metric: auc, min: 0.5 }\n  - metric: rmse\n    max: 3\n",
						"gates[1].metric", 10, "metric rmse does not apply to objective binary:logistic"),
				argumentSet("reports a gate without a bound", VALID + "gates:\n  - { metric: auc }\n", "gates[0]", 9,
						"needs at least one of min, max, max-regression"),
				argumentSet("reports a negative max regression",
						VALID + "gates:\n  - metric: auc\n    max-regression: -0.1\n", "gates[0].max-regression", 10,
						"must not be negative"),
				argumentSet("reports gates that are not a list", VALID + "gates: { metric: auc }\n", "gates", 8,
						"must be a list"),
				argumentSet("reports a missing dataset file",
						VALID.replace("synthetic:classification?rows=100&features=4", "data/missing.csv"),
						"dataset.path", 3, "missing.csv does not exist"),
				argumentSet(
						"reports synthetic data that does not fit the objective: synthetic:classification data does not fit objective reg:squarederror",
						VALID.replace("binary:logistic", "reg:squarederror"), "dataset.path", 3,
						"synthetic:classification data does not fit objective reg:squarederror"),
				argumentSet(
						"reports synthetic data that does not fit the objective: synthetic:regression data does not fit objective binary:logistic",
						VALID.replace("classification", "regression"), "dataset.path", 3,
						"synthetic:regression data does not fit objective binary:logistic"),
				argumentSet("reports durations that do not parse or are not positive: '7 days' is not a duration",
						VALID + "freshness: { max-age: 7 days }\n", "freshness.max-age", 8,
						"'7 days' is not a duration"),
				argumentSet("reports durations that do not parse or are not positive: must be positive",
						VALID + "promotion:\n  approval-timeout: 0s\n", "promotion.approval-timeout", 9,
						"must be positive"),
				argumentSet("reports durations that do not parse or are not positive: must be positive",
						VALID + "retry: { backoff: -5s }\n", "retry.backoff", 8, "must be positive"),
				argumentSet("reports a warn age that is not below the max age",
						VALID + "freshness:\n  max-age: 5d\n  warn-age: 5d\n", "freshness.warn-age", 10,
						"must be less than max-age (5d)"),
				argumentSet("reports a max backoff below the backoff: must be at least backoff (10s)",
						VALID + "retry: { backoff: 10s, max-backoff: 5s }\n", "retry.max-backoff", 8,
						"must be at least backoff (10s)"),
				argumentSet("reports a max backoff below the backoff: must not exceed max-backoff",
						VALID + "retry: { backoff: 1m }\n", "retry.backoff", 8, "must not exceed max-backoff"),
				argumentSet("reports max attempts below one", VALID + "retry:\n  max-attempts: 0\n",
						"retry.max-attempts", 9, "must be at least 1"),
				argumentSet("reports an unknown approval", VALID + "promotion: { approval: sometimes }\n",
						"promotion.approval", 8, "must be manual or auto, got 'sometimes'"));
	}

}
