package dev.trainyard.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineProblem;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code validate}: checks every pipeline file and reports every problem, without
 * starting the application (no database, nothing written).
 */
public final class Validate {

	private Validate() {
	}

	public static int run(String[] args, CliStreams streams) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		String jobsDir = environment.getProperty("jobs-dir",
				environment.getProperty("trainyard.pipeline.jobs-dir", "jobs"));
		PipelineCatalog catalog = new PipelineCatalog(Path.of(jobsDir));
		List<PipelineProblem> problems = catalog.validateAll();
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

}
