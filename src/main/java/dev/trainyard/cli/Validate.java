package dev.trainyard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.trainyard.dataset.Datasets;
import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineProblem;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code validate}: checks every pipeline file and reports every problem, without
 * starting the application (no database, nothing written); once the files are fine, the
 * header row of each local dataset too (the label column must be in it).
 */
public final class Validate {

	private static final Datasets DATASETS = Datasets.localFiles();

	private Validate() {
	}

	public static int run(String[] args, CliStreams streams) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		String jobsDir = environment.getProperty("jobs-dir",
				environment.getProperty("trainyard.pipeline.jobs-dir", "jobs"));
		PipelineCatalog catalog = new PipelineCatalog(Path.of(jobsDir));
		List<PipelineProblem> problems = new ArrayList<>(catalog.validateAll());
		if (problems.isEmpty()) {
			catalog.all().forEach((pipeline) -> datasetProblem(pipeline).ifPresent(problems::add));
		}
		PrintStream err = streams.err();
		problems.forEach(err::println);
		if (!problems.isEmpty()) {
			err.println(problems.size() + " problem(s) in " + catalog.jobsDir());
			return ExitCodes.INVALID_INPUT;
		}
		catalog.all().forEach((pipeline) -> err.println("ok: " + pipeline.source()));
		streams.out().println("{\"valid\":true,\"pipelines\":" + catalog.all().size() + "}");
		return ExitCodes.OK;
	}

	/**
	 * What is wrong with a pipeline's local dataset, found from its header row alone: a
	 * file that is not there, or a header without the label column (a misspelt
	 * {@code label:}), duplicate or empty names, no feature.
	 */
	private static Optional<PipelineProblem> datasetProblem(PipelineDefinition pipeline) {
		try {
			return DATASETS.headerProblem(pipeline.dataset(), pipeline.baseDir())
				.map((problem) -> new PipelineProblem(pipeline.source(), null, "dataset.label", problem));
		}
		catch (NoSuchFileException ex) {
			return Optional.of(new PipelineProblem(pipeline.source(), null, "dataset.path",
					"dataset " + ex.getFile() + " does not exist"));
		}
		catch (IOException ex) {
			return Optional.of(new PipelineProblem(pipeline.source(), null, "dataset.path",
					"cannot read dataset " + pipeline.dataset().path() + ": " + ex.getMessage()));
		}
	}

}
