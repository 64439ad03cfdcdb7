package dev.trainyard.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

import dev.trainyard.dataset.InvalidDatasetException;
import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineNotFoundException;
import dev.trainyard.run.RunConflictException;
import dev.trainyard.run.RunNotFoundException;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Carries out {@code run} and {@code resume}: the run executes on this thread; progress
 * goes to stderr and the JSON summary is the last line of stdout.
 */
@Component
@ConditionalOnProperty("trainyard.cli.command")
class CliRunner implements ApplicationRunner, ExitCodeGenerator {

	static final String ACTOR = "cli:" + System.getProperty("user.name", "unknown");

	private final Runs runs;

	private final JsonMapper json;

	private final CliStreams streams;

	private int exitCode = ExitCodes.FAILED;

	CliRunner(Runs runs, JsonMapper json, CliStreams streams) {
		this.runs = runs;
		this.json = json;
		this.streams = streams;
	}

	@Override
	public void run(ApplicationArguments args) {
		Command command = Command.parse(args.getSourceArgs()).orElseThrow();
		CliShutdownHook shutdown = CliShutdownHook.install(this.runs, command.pipeline(),
				(summary) -> print(command, summary));
		RunSummary summary = execute(command);
		shutdown.finish(summary, this.exitCode);
	}

	private void print(Command command, RunSummary summary) {
		PrintStream err = this.streams.err();
		if (summary.error() != null) {
			err.println(command.pipeline() + ": " + summary.error());
		}
		err.println(command.pipeline() + ": " + summary.status() + ", outcome " + summary.outcome()
				+ ((summary.modelVersion() != null) ? ", model version " + summary.modelVersion() : ""));
		this.streams.out().println(this.json.writeValueAsString(summary));
		this.streams.out().flush();
	}

	private RunSummary execute(Command command) {
		try {
			RunView view = command.name().equals("resume") ? this.runs.resumeLatest(command.pipeline(), ACTOR)
					: this.runs.launch(command.pipeline(), ACTOR);
			view = restartWhileTransient(view);
			RunSummary summary = RunSummary.of(view);
			this.exitCode = view.invalidInput() ? ExitCodes.INVALID_INPUT : summary.exitCode();
			return summary;
		}
		catch (InvalidPipelineException | PipelineNotFoundException | InvalidDatasetException ex) {
			this.exitCode = ExitCodes.INVALID_INPUT;
			return RunSummary.failed(command.pipeline(), ex.getMessage());
		}
		catch (RunConflictException | RunNotFoundException ex) {
			this.exitCode = ExitCodes.FAILED;
			return RunSummary.failed(command.pipeline(), ex.getMessage());
		}
	}

	/**
	 * The run-level restarts of a run that failed transiently: each after its backoff,
	 * from the last checkpoint, until it ends otherwise or has none left.
	 */
	private RunView restartWhileTransient(RunView view) {
		RunView current = view;
		while (current.status() == RunStatus.FAILED && current.nextAttemptAt() != null) {
			Duration wait = Duration.between(Instant.now(), current.nextAttemptAt());
			this.streams.err()
				.println(current.pipeline() + ": failed (" + current.error() + "); run-level restart "
						+ (current.restarts() + 1) + " in " + Math.max(0, wait.toMillis()) + " ms");
			pause(wait);
			current = this.runs.restartAfterTransientFailure(current.runId());
		}
		return current;
	}

	private static void pause(Duration wait) {
		if (wait.isNegative() || wait.isZero()) {
			return;
		}
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RunConflictException("interrupted while waiting for a run-level restart");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
