package dev.trainyard.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Stores a directory of files — a command trainer's checkpoint or model — in the
 * {@link BlobStore}, and restores it verified. Under a key prefix {@code P}, each file
 * goes to {@code P/files/<path>} and the {@link FileSetManifest} to
 * {@code P/manifest.json}, last: a set whose manifest exists is complete. Files are
 * streamed (never held in memory) with the size and SHA-256 the scan found, so the store
 * checks them on the way.
 */
@Component
public class FileSets {

	/** The largest manifest read back (some 300 000 files). */
	static final int MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

	private static final String MANIFEST = "manifest.json";

	private final BlobStore store;

	public FileSets(BlobStore store) {
		this.store = store;
	}

	/**
	 * Hashes every file under {@code dir} (links are not followed).
	 * @throws InvalidFileSetException when {@code dir} is not a plain directory or holds
	 * a symbolic link, a special file or an unusable name
	 */
	public static FileSetManifest scan(Path dir) throws IOException {
		return DirectoryScan.scan(dir);
	}

	/** The manifest's key of the set stored under {@code keyPrefix}. */
	public static String manifestKey(String keyPrefix) {
		return keyPrefix + "/" + MANIFEST;
	}

	/**
	 * Stores the files of {@code dir} that {@code manifest} lists (a {@link #scan} of
	 * it), then the manifest.
	 * @throws InvalidFileSetException when a file is no longer what the scan found
	 */
	public StoredFileSet store(Path dir, FileSetManifest manifest, String keyPrefix) throws IOException {
		Path root = dir.toAbsolutePath().normalize();
		for (FileSetManifest.Entry entry : manifest.files()) {
			Path file = inside(root, entry.path());
			try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
				this.store.put(fileKey(keyPrefix, entry.path()), in, entry.size(), entry.sha256());
			}
			catch (BlobMismatchException ex) {
				throw new InvalidFileSetException(
						entry.path() + " in " + root + " changed while it was being stored: " + ex.getMessage(), ex);
			}
		}
		byte[] bytes = manifest.bytes();
		String sha256 = Sha256.hex(bytes);
		String key = manifestKey(keyPrefix);
		StoredBlob blob = this.store.put(key, new ByteArrayInputStream(bytes), bytes.length, sha256);
		return new StoredFileSet(key, blob.location(), blob.size(), sha256, manifest);
	}

	/**
	 * Restores a stored set into {@code target} (absent or empty), checking the manifest
	 * against {@code sha256} and every file against the manifest. On any failure
	 * {@code target} is left empty.
	 * @throws FileSetCorruptException naming the manifest or file that is missing or
	 * different
	 * @throws IOException when the store cannot be read now (transient)
	 */
	public FileSetManifest restore(String manifestKey, String sha256, Path target) throws IOException {
		Path root = target.toAbsolutePath().normalize();
		Files.createDirectories(root);
		try (Stream<Path> entries = Files.list(root)) {
			if (entries.findAny().isPresent()) {
				throw new IllegalArgumentException("cannot restore into " + root + ": it is not empty");
			}
		}
		FileSetManifest manifest = readManifest(manifestKey, sha256);
		String prefix = prefix(manifestKey);
		try {
			for (FileSetManifest.Entry entry : manifest.files()) {
				restoreFile(fileKey(prefix, entry.path()), entry, inside(root, entry.path()));
			}
			return manifest;
		}
		catch (IOException | RuntimeException ex) {
			try {
				empty(root);
			}
			catch (IOException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

	/**
	 * Deletes a stored set: its files, then its manifest.
	 * @throws FileSetCorruptException when the manifest cannot be read, after deleting
	 * it: its files cannot be listed and stay behind
	 */
	public void delete(String manifestKey) throws IOException {
		FileSetManifest manifest;
		try {
			manifest = readManifest(manifestKey, null);
		}
		catch (FileSetCorruptException ex) {
			this.store.delete(manifestKey);
			throw ex;
		}
		String prefix = prefix(manifestKey);
		for (FileSetManifest.Entry entry : manifest.files()) {
			this.store.delete(fileKey(prefix, entry.path()));
		}
		this.store.delete(manifestKey);
	}

	/**
	 * The manifest under {@code key}, checked against {@code sha256} when given.
	 */
	FileSetManifest readManifest(String key, String sha256) throws IOException {
		String location = this.store.location(key);
		byte[] bytes;
		try (InputStream in = this.store.open(key)) {
			bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (BlobNotFoundException | BlobCorruptException ex) {
			throw new FileSetCorruptException("the manifest " + location + " cannot be used: " + ex.getMessage());
		}
		if (bytes.length > MAX_MANIFEST_BYTES) {
			throw new FileSetCorruptException("the manifest " + location + " is larger than " + MAX_MANIFEST_BYTES
					+ " bytes: it is not one this store wrote");
		}
		String actual = Sha256.hex(bytes);
		if (sha256 != null && !actual.equals(sha256)) {
			throw new FileSetCorruptException(
					"the manifest " + location + " has SHA-256 " + actual + ", " + sha256 + " was recorded");
		}
		return ManifestParser.parse(bytes, location);
	}

	private void restoreFile(String key, FileSetManifest.Entry entry, Path file) throws IOException {
		String location = this.store.location(key);
		Files.createDirectories(file.getParent());
		MessageDigest digest = Sha256.newDigest();
		long size;
		try (InputStream in = this.store.open(key);
				OutputStream out = new DigestOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), digest)) {
			size = in.transferTo(out);
		}
		catch (BlobNotFoundException ex) {
			throw new FileSetCorruptException(entry.path() + " is missing: there is no blob at " + location);
		}
		catch (BlobCorruptException ex) {
			throw new FileSetCorruptException(entry.path() + " cannot be used: " + ex.getMessage());
		}
		String sha256 = Sha256.hex(digest);
		if (size != entry.size() || !sha256.equals(entry.sha256())) {
			throw new FileSetCorruptException(entry.path() + " (" + location + ") has " + size + " bytes with SHA-256 "
					+ sha256 + "; the manifest says " + entry.size() + " bytes with SHA-256 " + entry.sha256());
		}
	}

	private static String fileKey(String prefix, String path) {
		return prefix + "/files/" + path;
	}

	private static String prefix(String manifestKey) {
		if (!manifestKey.endsWith("/" + MANIFEST)) {
			throw new IllegalArgumentException(manifestKey + " is not the key of a file set's manifest");
		}
		return manifestKey.substring(0, manifestKey.length() - MANIFEST.length() - 1);
	}

	/** {@code root/path}, refusing a path that would leave {@code root}. */
	private static Path inside(Path root, String path) {
		Path file = root.resolve(path).normalize();
		if (!file.startsWith(root) || file.equals(root)) {
			throw new FileSetCorruptException("'" + path + "' points outside " + root);
		}
		return file;
	}

	private static void empty(Path root) throws IOException {
		try (Stream<Path> entries = Files.list(root)) {
			for (Path entry : entries.toList()) {
				FileSystemUtils.deleteRecursively(entry);
			}
		}
	}

}
