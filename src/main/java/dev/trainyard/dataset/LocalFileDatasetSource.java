package dev.trainyard.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Datasets on the local file system: relative paths are resolved against the base folder
 * (the jobs folder), absolute paths are used as they are. Anything with a URI scheme
 * ({@code s3://}, {@code synthetic:}) is left to other sources.
 */
@Component
public class LocalFileDatasetSource implements DatasetSource {

	// two or more letters, so that a Windows drive ("C:\data") is still a path
	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

	@Override
	public boolean supports(String path) {
		return !SCHEME.matcher(path).matches();
	}

	@Override
	public InputStream open(String path, Path baseDir) throws IOException {
		Path file = resolve(path, baseDir);
		if (!Files.isRegularFile(file)) {
			throw new NoSuchFileException(file.toString(), null,
					Files.isDirectory(file) ? "is a directory" : "file not found");
		}
		return Files.newInputStream(file);
	}

	Path resolve(String path, Path baseDir) {
		Path given = Path.of(path);
		if (given.isAbsolute()) {
			return given;
		}
		Path base = (baseDir != null) ? baseDir : Path.of("");
		return base.resolve(given).toAbsolutePath().normalize();
	}

}
