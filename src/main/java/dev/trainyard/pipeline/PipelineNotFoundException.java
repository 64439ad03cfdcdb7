package dev.trainyard.pipeline;

import java.nio.file.Path;

/**
 * There is no pipeline file for a name in the jobs dir.
 */
public class PipelineNotFoundException extends RuntimeException {

	private final String name;

	private final Path jobsDir;

	public PipelineNotFoundException(String name, Path jobsDir) {
		super("No pipeline named '%s' in jobs dir %s (expected %s)".formatted(name, jobsDir,
				jobsDir.resolve(name + ".yaml")));
		this.name = name;
		this.jobsDir = jobsDir;
	}

	public String name() {
		return this.name;
	}

	public Path jobsDir() {
		return this.jobsDir;
	}

}
