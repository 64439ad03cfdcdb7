package dev.trainyard.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines of the jobs dir: one {@code <name>.yaml} (or {@code .yml}) file per
 * pipeline in the format of CONTRACT §3. Files are read on every call, so edits show up
 * without a restart. Files whose name starts with a dot are ignored.
 */
public class PipelineCatalog {

	private static final Logger logger = LoggerFactory.getLogger(PipelineCatalog.class);

	private static final List<String> EXTENSIONS = List.of(".yaml", ".yml");

	private final Path jobsDir;

	private final PipelineParser parser = new PipelineParser();

	public PipelineCatalog(Path jobsDir) {
		this.jobsDir = jobsDir;
	}

	public Path jobsDir() {
		return this.jobsDir;
	}

	/**
	 * Every valid pipeline, sorted by name. Invalid files are skipped with a warning.
	 */
	public List<PipelineDefinition> all() {
		if (!Files.isDirectory(this.jobsDir)) {
			logger.warn("Jobs dir {} does not exist: no pipelines", this.jobsDir);
			return List.of();
		}
		Map<String, PipelineDefinition> pipelines = new HashMap<>();
		for (Path file : files()) {
			try {
				PipelineDefinition definition = read(file);
				PipelineDefinition other = pipelines.putIfAbsent(definition.name(), definition);
				if (other != null) {
					logger.warn("Skipping {}: pipeline '{}' is already defined in {}", file, definition.name(),
							other.source());
				}
			}
			catch (InvalidPipelineException ex) {
				logger.warn("Skipping invalid pipeline file {}:\n{}", file, ex.getMessage());
			}
		}
		return pipelines.values().stream().sorted(Comparator.comparing(PipelineDefinition::name)).toList();
	}

	/**
	 * The pipeline with this name, read from {@code <jobs-dir>/<name>.yaml}.
	 * @throws PipelineNotFoundException when there is no such file
	 * @throws InvalidPipelineException when the file is broken
	 */
	public PipelineDefinition get(String name) {
		if (name != null && PipelineParser.NAME.matcher(name).matches()) {
			for (String extension : EXTENSIONS) {
				Path file = this.jobsDir.resolve(name + extension);
				if (Files.isRegularFile(file)) {
					return read(file);
				}
			}
		}
		throw new PipelineNotFoundException(name, this.jobsDir);
	}

	/**
	 * Every problem in every pipeline file of the jobs dir, including duplicate names; an
	 * empty list when all is fine. A missing or empty jobs dir is a problem too.
	 */
	public List<PipelineProblem> validateAll() {
		if (!Files.isDirectory(this.jobsDir)) {
			return List.of(new PipelineProblem(this.jobsDir, null, null, "jobs dir does not exist"));
		}
		List<Path> files = files();
		if (files.isEmpty()) {
			return List.of(new PipelineProblem(this.jobsDir, null, null, "jobs dir has no pipeline files (*.yaml)"));
		}
		List<PipelineProblem> problems = new ArrayList<>();
		Map<String, Path> names = new HashMap<>();
		for (Path file : files) {
			ParsedPipeline parsed;
			try {
				parsed = this.parser.parse(file, Files.readString(file));
			}
			catch (IOException ex) {
				problems.add(unreadable(file, ex));
				continue;
			}
			problems.addAll(parsed.problems());
			Path first = (parsed.name() != null) ? names.putIfAbsent(parsed.name(), file) : null;
			if (first != null) {
				problems.add(new PipelineProblem(file, parsed.nameLine(), "name",
						"duplicate pipeline name '" + parsed.name() + "' (also in " + first + ")"));
			}
		}
		return List.copyOf(problems);
	}

	/**
	 * Checks {@code text} as if it had been read from {@code source}: relative dataset
	 * paths resolve against its folder and the name must match its file name.
	 * @throws InvalidPipelineException with every problem found
	 */
	public PipelineDefinition parse(Path source, String text) {
		ParsedPipeline parsed = this.parser.parse(source, text);
		if (!parsed.problems().isEmpty()) {
			throw new InvalidPipelineException(parsed.problems());
		}
		return parsed.definition();
	}

	private PipelineDefinition read(Path file) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new InvalidPipelineException(List.of(unreadable(file, ex)));
		}
		return parse(file, text);
	}

	private static PipelineProblem unreadable(Path file, IOException ex) {
		return new PipelineProblem(file, null, null, "cannot read the file as UTF-8 text: " + ex);
	}

	private List<Path> files() {
		try (Stream<Path> entries = Files.list(this.jobsDir)) {
			return entries.filter(PipelineCatalog::isPipelineFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list jobs dir " + this.jobsDir, ex);
		}
	}

	private static boolean isPipelineFile(Path file) {
		String name = file.getFileName().toString();
		return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith) && Files.isRegularFile(file);
	}

}
