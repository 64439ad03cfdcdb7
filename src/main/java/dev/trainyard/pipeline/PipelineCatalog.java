package dev.trainyard.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines of the jobs dir: one {@code <name>.yaml} (or {@code .yml}) file per
 * pipeline in the format of CONTRACT §3. Files whose name starts with a dot are ignored.
 * <p>
 * One catalog serves the scheduler, the freshness evaluation, the API and the runs, and
 * it is change-aware: a file is parsed again only when its size, modification time or
 * identity changed (or it changed in the last two seconds) (a file with problems is
 * checked again every time, since what it refers to, such as its dataset, may have
 * appeared since), so asking often costs a directory listing. Edits show up without a
 * restart; {@link #reload()} re-reads every file at once. Whoever subscribes
 * ({@link #onChange}) hears when the set of valid pipelines changed.
 */
public class PipelineCatalog {

	private static final Logger logger = LoggerFactory.getLogger(PipelineCatalog.class);

	private static final List<String> EXTENSIONS = List.of(".yaml", ".yml");

	private final Path jobsDir;

	private final PipelineParser parser = new PipelineParser();

	private final Map<Path, Entry> entries = new HashMap<>();

	private final List<Consumer<Snapshot>> listeners = new ArrayList<>();

	private Snapshot snapshot;

	public PipelineCatalog(Path jobsDir) {
		this.jobsDir = jobsDir;
	}

	public Path jobsDir() {
		return this.jobsDir;
	}

	/**
	 * Every valid pipeline, sorted by name. Invalid files are left out (and logged once
	 * for each change of their problems).
	 */
	public List<PipelineDefinition> all() {
		return snapshot().pipelines();
	}

	/**
	 * The valid pipelines and the problems of the others, as the files are now.
	 */
	public synchronized Snapshot snapshot() {
		return scan(false);
	}

	/**
	 * Reads every pipeline file again, changed or not, and tells the subscribers when the
	 * valid pipelines changed.
	 */
	public synchronized Snapshot reload() {
		return scan(true);
	}

	/**
	 * Calls {@code listener} with the new snapshot whenever a scan finds that the valid
	 * pipelines changed (one was added, removed or edited).
	 */
	public synchronized void onChange(Consumer<Snapshot> listener) {
		this.listeners.add(listener);
	}

	/**
	 * The pipeline with this name, from {@code <jobs-dir>/<name>.yaml} as it is now.
	 * @throws PipelineNotFoundException when there is no such file
	 * @throws InvalidPipelineException when the file is broken
	 */
	public synchronized PipelineDefinition get(String name) {
		if (name != null && PipelineParser.NAME.matcher(name).matches()) {
			for (String extension : EXTENSIONS) {
				Path file = this.jobsDir.resolve(name + extension);
				if (Files.isRegularFile(file)) {
					ParsedPipeline parsed = entry(file, false).parsed();
					if (!parsed.problems().isEmpty()) {
						throw new InvalidPipelineException(parsed.problems());
					}
					return parsed.definition();
				}
			}
		}
		throw new PipelineNotFoundException(name, this.jobsDir);
	}

	/**
	 * Every problem in every pipeline file of the jobs dir, including duplicate names; an
	 * empty list when all is fine. A missing or empty jobs dir is a problem too. Reads
	 * every file.
	 */
	public synchronized List<PipelineProblem> validateAll() {
		return scan(true).problems();
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

	private Snapshot scan(boolean everyFile) {
		if (!Files.isDirectory(this.jobsDir)) {
			if (this.snapshot == null || !this.snapshot.problems().isEmpty() || !this.snapshot.pipelines().isEmpty()) {
				logger.warn("Jobs dir {} does not exist: no pipelines", this.jobsDir);
			}
			this.entries.clear();
			return publish(new Snapshot(List.of(),
					List.of(new PipelineProblem(this.jobsDir, null, null, "jobs dir does not exist")), Set.of()));
		}
		List<Path> files = files();
		this.entries.keySet().retainAll(Set.copyOf(files));
		if (files.isEmpty()) {
			return publish(new Snapshot(List.of(),
					List.of(new PipelineProblem(this.jobsDir, null, null, "jobs dir has no pipeline files (*.yaml)")),
					Set.of()));
		}
		Map<String, PipelineDefinition> pipelines = new LinkedHashMap<>();
		Map<String, Path> names = new HashMap<>();
		List<PipelineProblem> problems = new ArrayList<>();
		Set<String> invalid = new TreeSet<>();
		for (Path file : files) {
			ParsedPipeline parsed = entry(file, everyFile).parsed();
			problems.addAll(parsed.problems());
			Path first = (parsed.name() != null) ? names.putIfAbsent(parsed.name(), file) : null;
			if (first != null) {
				problems.add(new PipelineProblem(file, parsed.nameLine(), "name",
						"duplicate pipeline name '" + parsed.name() + "' (also in " + first + ")"));
			}
			else if (parsed.definition() != null) {
				pipelines.put(parsed.name(), parsed.definition());
			}
			else {
				invalid.add(stem(file));
			}
		}
		List<PipelineDefinition> valid = pipelines.values()
			.stream()
			.sorted(Comparator.comparing(PipelineDefinition::name))
			.toList();
		return publish(new Snapshot(valid, List.copyOf(problems), Set.copyOf(invalid)));
	}

	private Snapshot publish(Snapshot next) {
		Snapshot previous = this.snapshot;
		this.snapshot = next;
		if (previous != null && !previous.pipelines().equals(next.pipelines())) {
			for (Consumer<Snapshot> listener : this.listeners) {
				try {
					listener.accept(next);
				}
				catch (RuntimeException ex) {
					logger.warn("A listener of pipeline changes failed: {}", ex.toString());
				}
			}
		}
		return next;
	}

	/**
	 * The file's parse, from the last one when the file is unchanged and was valid.
	 */
	private Entry entry(Path file, boolean again) {
		Stamp stamp = Stamp.of(file);
		Entry known = this.entries.get(file);
		if (!again && known != null && known.stamp().equals(stamp) && known.parsed().problems().isEmpty()
				&& !stamp.isRecent()) {
			return known;
		}
		ParsedPipeline parsed = read(file);
		Entry entry = new Entry(stamp, parsed);
		this.entries.put(file, entry);
		if (!parsed.problems().isEmpty() && (known == null || !known.parsed().problems().equals(parsed.problems()))) {
			logger.warn("Skipping invalid pipeline file {}:\n{}", file,
					parsed.problems().stream().map(PipelineProblem::toString).collect(Collectors.joining("\n")));
		}
		return entry;
	}

	private ParsedPipeline read(Path file) {
		try {
			return this.parser.parse(file, Files.readString(file));
		}
		catch (IOException ex) {
			return new ParsedPipeline(null, null, null, List.of(unreadable(file, ex)));
		}
	}

	private static PipelineProblem unreadable(Path file, IOException ex) {
		return new PipelineProblem(file, null, null, "cannot read the file as UTF-8 text: " + ex);
	}

	private static String stem(Path file) {
		String name = file.getFileName().toString();
		return name.substring(0, name.lastIndexOf('.'));
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

	/**
	 * What the catalog found.
	 *
	 * @param pipelines the valid pipelines, sorted by name
	 * @param problems every problem of the other files (a missing or empty jobs dir too)
	 * @param invalid the names (file names without extension) of the pipeline files that
	 * are not valid now
	 */
	public record Snapshot(List<PipelineDefinition> pipelines, List<PipelineProblem> problems, Set<String> invalid) {
	}

	private record Entry(Stamp stamp, ParsedPipeline parsed) {
	}

	/**
	 * What tells a changed file from an unchanged one without reading it. A file modified
	 * within the last {@link #RECENT} is read again anyway: a file system may keep
	 * modification times to the second, and an edit in the same second that keeps the
	 * size would look unchanged.
	 */
	private record Stamp(long size, long modifiedNanos, Object key) {

		static final Duration RECENT = Duration.ofSeconds(2);

		boolean isRecent() {
			return System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(this.modifiedNanos) < RECENT.toMillis();
		}

		static Stamp of(Path file) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
				return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
						Objects.requireNonNullElse(attributes.fileKey(), file));
			}
			catch (NoSuchFileException ex) {
				return new Stamp(-1, -1, file);
			}
			catch (IOException ex) {
				return new Stamp(-2, System.nanoTime(), file);
			}
		}

	}

}
