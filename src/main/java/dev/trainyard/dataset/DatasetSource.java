package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where dataset bytes come from: local files here, other stores (such as {@code s3://})
 * as further beans. {@link Datasets} asks each source in turn and uses the first that
 * supports the path.
 */
public interface DatasetSource {

	/**
	 * Whether this source can open the given dataset path.
	 */
	boolean supports(String path);

	/**
	 * Opens the dataset for reading. A missing dataset is reported as
	 * {@link java.nio.file.NoSuchFileException} or {@link java.io.FileNotFoundException}.
	 * @param path the dataset path as given in the pipeline file
	 * @param baseDir the folder relative paths are resolved against
	 */
	InputStream open(String path, Path baseDir) throws IOException;

}
