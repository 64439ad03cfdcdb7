package dev.trainyard.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.trainyard.pipeline.DeclaredMetric.Goal;
import dev.trainyard.pipeline.PipelineDefinition.CommandSpec;
import dev.trainyard.pipeline.PipelineDefinition.GateSpec;
import dev.trainyard.pipeline.PipelineDefinition.TrainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The {@code trainer.type: command} block of CONTRACT §7, and the {@code timeout} both
 * trainer types take.
 */
class CommandTrainerValidationTests extends DemoPipelineParsing {

	/** The head of a pipeline: lines 1-4, so that the trainer starts on line 5. */
	private static final String HEAD = """
			name: demo
			dataset:
			  path: synthetic:classification?rows=100&features=4
			  label: label
			""";

	/** A valid command trainer on lines 5-10. */
	private static final String TRAINER = """
			trainer:
			  type: command
			  command: [python3, train.py, --epochs, "40"]
			  metrics:
			    - { name: val_auc, goal: max }
			    - { name: val_loss, goal: min }
			""";

	private static final String VALID = HEAD + TRAINER;

	/** A command trainer without metrics, on lines 5-7. */
	private static final String NO_METRICS = HEAD + "trainer:\n  type: command\n  command: [python3, train.py]\n";

	@Test
	void readsTheContractExample() {
		String yaml = HEAD + """
				trainer:
				  type: command
				  command: [python3, train.py, --epochs, "40"]   # argv (no shell), run in the jobs dir
				  env: { OMP_NUM_THREADS: "2" }                   # optional
				  metrics:
				    - { name: val_auc, goal: max }
				    - { name: val_loss, goal: min }
				  timeout: 2h
				  stop-grace: 30s
				gates:
				  - { metric: val_auc, min: 0.9 }
				  - { metric: val_loss, max-regression: 0.05 }
				""";
		PipelineDefinition definition = parse(yaml);
		DeclaredMetric auc = new DeclaredMetric("val_auc", Goal.MAX);
		DeclaredMetric loss = new DeclaredMetric("val_loss", Goal.MIN);
		assertThat(definition.trainer()).isEqualTo(
				TrainerSpec.command(
						new CommandSpec(List.of("python3", "train.py", "--epochs", "40"),
								Map.of("OMP_NUM_THREADS", "2"), List.of(auc, loss), Duration.ofSeconds(30), List.of()),
						Duration.ofHours(2)));
		assertThat(definition.trainer().isCommand()).isTrue();
		assertThat(definition.trainer().objective()).isNull();
		assertThat(definition.trainer().metrics()).containsExactly(auc, loss);
		assertThat(definition.gates()).containsExactly(new GateSpec(auc, 0.9, null, null),
				new GateSpec(loss, null, null, 0.05));
		assertThat(auc.higherIsBetter()).isTrue();
		assertThat(loss.higherIsBetter()).isFalse();
		assertThat(loss.regression(0.30, 0.25)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
	}

	@Test
	void defaultsTheStopGraceAndHasNoTimeoutOrEvaluateUnlessSet() {
		TrainerSpec trainer = parse(VALID).trainer();
		assertThat(trainer.command().stopGrace()).isEqualTo(Duration.ofSeconds(30));
		assertThat(trainer.timeout()).isNull();
		assertThat(trainer.command().env()).isEmpty();
		assertThat(trainer.command().hasEvaluate()).isFalse();
	}

	@Test
	void readsAnEvaluateArgvAndTakesPlainValuesAsTheirText() {
		TrainerSpec trainer = parse(VALID.replace("\"40\"]", "40, true]") + "  evaluate: [python3, eval.py]\n")
			.trainer();
		assertThat(trainer.command().argv()).containsExactly("python3", "train.py", "--epochs", "40", "true");
		assertThat(trainer.command().evaluate()).containsExactly("python3", "eval.py");
	}

	@Test
	void letsAnXgboostTrainerHaveATimeout() {
		String yaml = HEAD + "trainer:\n  objective: binary:logistic\n  rounds: 10\n  timeout: 90m\n";
		TrainerSpec trainer = parse(yaml).trainer();
		assertThat(trainer.timeout()).isEqualTo(Duration.ofMinutes(90));
		assertThat(trainer.isCommand()).isFalse();
		assertThat(trainer.metrics()).containsExactlyElementsOf(Objective.BINARY_LOGISTIC.metrics());
	}

	@Test
	void reportsEnvironmentVariablesThatAreBadOrReserved() {
		assertProblem(VALID + "  env: { TRAINYARD_SEED: \"1\" }\n", "trainer.env.TRAINYARD_SEED", 11,
				"TRAINYARD_* variables are set by Trainyard");
		assertProblem(VALID + "  env: { 1BAD: x }\n", "trainer.env", 11, "variable names must match");
		assertProblem(VALID + "  env: { A: [1] }\n", "trainer.env.A", 11, "must be a text value");
		assertProblem(VALID + "  env: [A]\n", "trainer.env", 11, "must be a mapping of variable names to values");
		assertThat(parse(VALID + "  env: { OMP_NUM_THREADS: 2, _X: \"\" }\n").trainer().command().env())
			.containsExactly(Map.entry("OMP_NUM_THREADS", "2"), Map.entry("_X", ""));
	}

	@Test
	void reportsXgboostKeysInACommandTrainer() {
		assertThat(problems(VALID + "  rounds: 10\n  checkpoint-every: 2\n  params: { eta: 1 }\n"))
			.extracting(PipelineProblem::field, PipelineProblem::line, PipelineProblem::message)
			.containsExactly(
					tuple("trainer.rounds", 11,
							"only for type: xgboost; a command trainer takes its settings as arguments in command"),
					tuple("trainer.checkpoint-every", 12,
							"only for type: xgboost; a command trainer takes its settings as arguments in command"),
					tuple("trainer.params", 13,
							"only for type: xgboost; a command trainer takes its settings as arguments in command"));
		assertProblem(VALID + "  objective: binary:logistic\n", "trainer.objective", 11, "only for type: xgboost");
	}

	@Test
	void reportsCommandKeysInAnXgboostTrainer() {
		String xgboost = HEAD + "trainer:\n  objective: binary:logistic\n  rounds: 10\n";
		assertProblem(xgboost + "  command: [python3, train.py]\n", "trainer.command", 8,
				"only for type: command; this trainer is type xgboost (the default when type is not set)");
		for (String key : List.of("env: {}", "metrics: []", "stop-grace: 5s", "evaluate: [x]")) {
			assertProblem(xgboost + "  " + key + "\n", "trainer." + key.substring(0, key.indexOf(':')), 8,
					"only for type: command");
		}
	}

	@Test
	void acceptsAnyNumericLabelForACommandTrainerDataset() {
		String yaml = """
				name: demo
				dataset:
				  path: synthetic:regression?rows=100&features=4
				  label: label
				""" + TRAINER;
		assertThat(parse(yaml).dataset().path()).startsWith("synthetic:regression");
	}

	@Test
	void theShippedPyTorchPipelineIsValidWhetherOrNotPyTorchIsInstalled() {
		PipelineCatalog catalog = new PipelineCatalog(Path.of("jobs"));
		assertThat(catalog.validateAll()).isEmpty();
		PipelineDefinition torch = catalog.get("breast-cancer-torch");
		assertThat(torch.trainer().command().argv()).startsWith("/usr/bin/python3", "trainers/torch_mlp.py");
		assertThat(torch.gates()).extracting(GateSpec::metric).containsOnly(new DeclaredMetric("val_auc", Goal.MAX));
	}

	/** Files with one problem each: its field, its line and a fragment of its message. */
	static Stream<Arguments> filesWithOneProblem() {
		return Stream.of(arguments(NO_METRICS, "trainer.metrics", 5, "is required"),
				arguments(NO_METRICS + "  metrics: []\n", "trainer.metrics", 8, "must declare at least one metric"),
				arguments(VALID.replace("  command: [python3, train.py, --epochs, \"40\"]\n", ""), "trainer.command", 5,
						"is required"),
				arguments(VALID.replace("[python3, train.py, --epochs, \"40\"]", "[]"), "trainer.command", 7,
						"must list the program and its arguments"),
				arguments(VALID.replace("[python3, train.py, --epochs, \"40\"]", "python3 train.py"), "trainer.command",
						7, "must be a list"),
				arguments(VALID.replace("--epochs, \"40\"]", "[--epochs, 40]]"), "trainer.command[2]", 7,
						"must be a text value"),
				arguments(VALID.replace("[python3,", "[~,"), "trainer.command[0]", 7, "must be a text value"),
				arguments(VALID.replace("[python3,", "[\" \","), "trainer.command[0]", 7, "must not be blank"),
				arguments(VALID.replace("name: val_auc", "name: val auc"), "trainer.metrics[0].name", 9,
						"must match [A-Za-z0-9_.-]+, got 'val auc'"),
				arguments(VALID.replace("goal: max", "goal: up"), "trainer.metrics[0].goal", 9,
						"must be max (higher is better) or min (lower is better), got 'up'"),
				arguments(VALID.replace("{ name: val_auc, goal: max }", "{ name: val_auc }"), "trainer.metrics[0].goal",
						9, "is required"),
				arguments(VALID.replace("{ name: val_auc, goal: max }", "val_auc"), "trainer.metrics[0]", 9,
						"must be a mapping like { name: val_auc, goal: max }"),
				arguments(VALID.replace("goal: max }", "goal: max, direction: up }"), "trainer.metrics[0].direction", 9,
						"unknown key (allowed: name, goal)"),
				arguments(VALID.replace("name: val_loss", "name: val_auc"), "trainer.metrics[1].name", 10,
						"duplicate metric name 'val_auc' (also declared on line 9)"),
				arguments(VALID + "gates:\n  - { metric: val_auc, min: 0.9 }\n  - { metric: auc, min: 0.9 }\n",
						"gates[1].metric", 13,
						"metric 'auc' is not declared in trainer.metrics (declared: val_auc, val_loss)"),
				arguments(VALID + "  timeout: soon\n", "trainer.timeout", 11, "'soon' is not a duration"),
				arguments(VALID + "  stop-grace: 0s\n", "trainer.stop-grace", 11, "must be positive"),
				arguments(HEAD + "trainer: { objective: binary:logistic, rounds: 3, timeout: -1m }\n",
						"trainer.timeout", 5, "must be positive"),
				arguments(VALID + "  shell: bash\n", "trainer.shell", 11,
						"unknown key (allowed: type, command, env, metrics, timeout, stop-grace, evaluate)"),
				arguments(HEAD + "trainer:\n  type: lightgbm\n  command: [x]\n", "trainer.type", 6,
						"unsupported trainer type 'lightgbm' (allowed: xgboost, command)"));
	}

}
