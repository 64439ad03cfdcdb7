package dev.trainyard.dataset;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import dev.trainyard.pipeline.Objective;
import dev.trainyard.pipeline.PipelineDefinition.DatasetSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The dataset module's facade: loads a pipeline's dataset (a CSV file from any
 * {@link DatasetSource}, or a {@code synthetic:} source), checks it against the
 * objective, fingerprints it and splits it into train and validation sets.
 */
@Component
public class Datasets {

	private static final Logger logger = LoggerFactory.getLogger(Datasets.class);

	private final List<DatasetSource> sources;

	public Datasets(List<DatasetSource> sources) {
		this.sources = List.copyOf(sources);
	}

	/**
	 * Datasets from local files and {@code synthetic:} sources only.
	 */
	public static Datasets localFiles() {
		return new Datasets(List.of(new LocalFileDatasetSource()));
	}

	/**
	 * Loads, checks, fingerprints and splits a dataset.
	 * @param spec the pipeline's dataset settings
	 * @param objective what the labels must fit, or {@code null} for a command trainer
	 * (labels are then any finite number)
	 * @param baseDir the folder relative paths are resolved against
	 * @return the train and validation tables
	 * @throws InvalidDatasetException if the dataset is missing or unusable (retrying
	 * does not help)
	 * @throws UncheckedIOException if reading failed (retrying may help)
	 */
	public PreparedData prepare(DatasetSpec spec, Objective objective, Path baseDir) {
		String path = spec.path();
		Loaded loaded = SyntheticSpec.matches(path) ? synthetic(path, spec, objective)
				: read(path, spec, objective, baseDir);
		Table[] split = Splitter.split(loaded.table(), spec.validationFraction(), spec.seed(), path);
		PreparedData prepared = new PreparedData(split[0], split[1], loaded.fingerprint(), loaded.numClasses(), path,
				loaded.columns(), loaded.labelColumn());
		logger.info("Prepared dataset {}: {} rows x {} features, {} train / {} validation, sha256 {}", path,
				loaded.table().rows(), loaded.table().columns(), split[0].rows(), split[1].rows(),
				loaded.fingerprint());
		return prepared;
	}

	private Loaded synthetic(String path, DatasetSpec spec, Objective objective) {
		SyntheticSpec synthetic = SyntheticSpec.parse(path);
		synthetic.check(path, objective, spec.label());
		return SyntheticGenerator.generate(synthetic);
	}

	private Loaded read(String path, DatasetSpec spec, Objective objective, Path baseDir) {
		DatasetSource source = this.sources.stream()
			.filter((candidate) -> candidate.supports(path))
			.findFirst()
			.orElseThrow(() -> new InvalidDatasetException(path, null,
					"no dataset source for this path; use a local path, s3://bucket/key or synthetic:…"));
		CsvTableReader reader = new CsvTableReader(path, spec.label(), objective);
		try (InputStream in = source.open(path, baseDir)) {
			return reader.read(in);
		}
		catch (NoSuchFileException ex) {
			String reason = (ex.getReason() != null) ? ex.getReason() : "file not found";
			throw new InvalidDatasetException(path, null, reason + " (" + ex.getFile() + ")", ex);
		}
		catch (FileNotFoundException ex) {
			throw new InvalidDatasetException(path, null, "file not found (" + ex.getMessage() + ")", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read dataset " + path, ex);
		}
	}

}
