package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes every file under a directory into a {@link FileSetManifest}. Links are never
 * followed: a symbolic link, a special file (pipe, socket, device) or a name that cannot
 * be a blob key is refused, naming it, so that nothing outside the directory is read.
 */
final class DirectoryScan extends SimpleFileVisitor<Path> {

	private final Path dir;

	private final List<FileSetManifest.Entry> entries = new ArrayList<>();

	private DirectoryScan(Path dir) {
		this.dir = dir;
	}

	static FileSetManifest scan(Path dir) throws IOException {
		Path root = dir.toAbsolutePath().normalize();
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			throw new InvalidFileSetException(root + " is not a directory"
					+ (Files.isSymbolicLink(root) ? " but a symbolic link (links are not followed)" : ""));
		}
		DirectoryScan scan = new DirectoryScan(root);
		Files.walkFileTree(root, scan);
		return new FileSetManifest(scan.entries);
	}

	/** A file's path in a set: relative to the set's directory, {@code /}-separated. */
	static String relativePath(Path dir, Path file) {
		List<String> segments = new ArrayList<>();
		for (Path segment : dir.relativize(file)) {
			segments.add(segment.toString());
		}
		return String.join("/", segments);
	}

	@Override
	public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes) {
		if (!path.equals(this.dir)) {
			checkName(path);
		}
		return FileVisitResult.CONTINUE;
	}

	@Override
	public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
		String name = checkName(path);
		if (attributes.isSymbolicLink()) {
			throw new InvalidFileSetException(
					name + " in " + this.dir + " is a symbolic link; only regular files and directories are stored");
		}
		if (!attributes.isRegularFile()) {
			throw new InvalidFileSetException(name + " in " + this.dir
					+ " is not a regular file (a pipe, socket or device); only regular files and directories are stored");
		}
		MessageDigest digest = Sha256.newDigest();
		long size;
		try (InputStream in = new DigestInputStream(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), digest)) {
			size = in.transferTo(OutputStream.nullOutputStream());
		}
		this.entries.add(new FileSetManifest.Entry(name, size, Sha256.hex(digest)));
		return FileVisitResult.CONTINUE;
	}

	private String checkName(Path path) {
		String name = relativePath(this.dir, path);
		String problem = FileSetManifest.pathProblem(name);
		if (problem != null) {
			throw new InvalidFileSetException("'" + name + "' in " + this.dir + " " + problem);
		}
		return name;
	}

}
