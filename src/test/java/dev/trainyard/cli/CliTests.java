package dev.trainyard.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.support.TestPipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user runs it: exit codes, the JSON summary as the last stdout
 * line, and errors that name the file, line and field without stack traces.
 */
class CliTests {

	@TempDir
	Path root;

	@Test
	void runPrintsTheSummaryAsTheLastLineAndExitsZeroWhenPromoted() {
		write("good", TestPipelines.synthetic("good", "auto", 0.8));
		Result result = cli("run", "good");
		assertThat(result.code()).isZero();
		JsonNode summary = result.summary();
		assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(summary.get("outcome").asString()).isEqualTo("PROMOTED");
		assertThat(summary.get("modelVersion").asInt()).isEqualTo(1);
		assertThat(summary.get("modelSha256").asString()).hasSize(64);
		assertThat(summary.get("metrics").has("auc")).isTrue();
		assertThat(summary.get("resumedFromRound").isNull()).isTrue();
		assertThat(summary.get("checkpoints").asInt()).isEqualTo(4);
		assertThat(result.err()).contains("round 40/40");
	}

	@Test
	void relativeDataDirIsResolvedAgainstTheWorkingDirectory() throws IOException {
		write("good", TestPipelines.synthetic("good", "auto", 0.8));
		Path relative = Path.of("target", "cli-relative-" + java.util.UUID.randomUUID());
		try {
			String[] args = { "run", "good", "--jobs-dir=" + this.root.resolve("jobs"), "--data-dir=" + relative };
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int code = TrainyardApplication.execute(Command.parse(args).orElseThrow(), args,
					new CliStreams(new PrintStream(out, true, StandardCharsets.UTF_8),
							new PrintStream(OutputStream.nullOutputStream())));
			assertThat(code).isZero();
			assertThat(relative.resolve("db")).isDirectory();
			assertThat(relative.resolve("store/models/good/1/model.ubj")).isRegularFile();
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(relative);
		}
	}

	@Test
	void rejectedCandidateExitsThree() {
		write("strict", TestPipelines.synthetic("strict", "auto", 0.9999999));
		Result result = cli("run", "strict");
		assertThat(result.code()).isEqualTo(3);
		assertThat(result.summary().get("outcome").asString()).isEqualTo("REJECTED");
	}

	@Test
	void manualApprovalExitsZeroAwaitingApproval() {
		write("manual", TestPipelines.synthetic("manual", "manual", 0.8));
		Result result = cli("run", "manual");
		assertThat(result.code()).isZero();
		assertThat(result.summary().get("status").asString()).isEqualTo("STOPPED");
		assertThat(result.summary().get("outcome").asString()).isEqualTo("AWAITING_APPROVAL");
	}

	@Test
	void brokenDatasetExitsTwoNamingTheFileAndLine() throws IOException {
		Path jobs = this.root.resolve("jobs");
		Files.createDirectories(jobs);
		Files.writeString(jobs.resolve("bad.csv"), "a,b,label\n1,2,0\n3,4,1\n5,oops,0\n");
		write("bad-data", """
				name: bad-data
				dataset: { path: bad.csv, label: label }
				trainer: { objective: binary:logistic, rounds: 5 }
				""");
		Result result = cli("run", "bad-data");
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("bad.csv:4")
			.contains("oops")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
		assertThat(result.summary().get("outcome").asString()).isEqualTo("FAILED");
	}

	@Test
	void trainingPastItsTimeoutExitsOneTimedOutWithItsCheckpointsKept() {
		write("slow",
				TestPipelines.synthetic("slow", "auto", 0.5)
					.replace("rows=2000", "rows=20000")
					.replace("rounds: 40", "rounds: 5000")
					.replace("checkpoint-every: 10", "checkpoint-every: 20\n  timeout: 1s"));
		Result result = cli("run", "slow");
		assertThat(result.code()).isEqualTo(1);
		JsonNode summary = result.summary();
		assertThat(summary.get("status").asString()).isEqualTo("FAILED");
		assertThat(summary.get("error").asString()).startsWith("TIMED_OUT");
		assertThat(summary.get("checkpoints").asInt()).isPositive();
		assertThat(this.root.resolve("data/store/checkpoints/slow")).isDirectory();
	}

	@Test
	void unknownPipelineExitsTwo() {
		write("good", TestPipelines.synthetic("good", "auto", 0.8));
		Result result = cli("run", "nope");
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("nope");
	}

	@Test
	void resumeWithNothingToResumeExitsOne() {
		write("good", TestPipelines.synthetic("good", "auto", 0.8));
		Result result = cli("resume", "good");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("no run to resume");
	}

	@Test
	void validateReportsEveryProblemAndExitsTwo() {
		write("good", TestPipelines.synthetic("good", "auto", 0.8));
		write("broken", """
				name: broken
				dataset: { path: missing.csv, label: y, validation-fraction: 1.5 }
				trainer: { objective: binary:logistic, rounds: 0, rouds: 3 }
				""");
		Result result = cli("validate");
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("broken.yaml:2")
			.contains("dataset.path")
			.contains("dataset.validation-fraction")
			.contains("trainer.rounds")
			.contains("trainer.rouds");
	}

	@Test
	void validateExitsZeroWhenEveryFileIsValid() {
		write("good", TestPipelines.synthetic("good", "auto", 0.8));
		assertThat(cli("validate").code()).isZero();
	}

	@Test
	void unknownCommandIsAUsageError() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Command.parse(new String[] { "train", "x" }))
			.isInstanceOf(Command.UsageException.class)
			.hasMessageContaining("unknown command 'train'");
	}

	private void write(String name, String yaml) {
		TestPipelines.write(this.root.resolve("jobs"), name, yaml);
	}

	private Result cli(String... words) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> args = new java.util.ArrayList<>(List.of(words));
		args.add("--jobs-dir=" + this.root.resolve("jobs"));
		args.add("--data-dir=" + this.root.resolve("data"));
		String[] array = args.toArray(String[]::new);
		int code = TrainyardApplication.execute(Command.parse(array).orElseThrow(), array,
				new CliStreams(new PrintStream(out, true, StandardCharsets.UTF_8),
						new PrintStream(err, true, StandardCharsets.UTF_8)));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int code, String out, String err) {

		JsonNode summary() {
			List<String> lines = this.out.lines().filter((line) -> !line.isBlank()).toList();
			return JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
		}

	}

}
