package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * A {@link BlobStore} on the local file system. A blob is written to a temporary file in
 * the same folder, forced to disk, then atomically renamed to its key, and the folder is
 * synced, so a crash at any point leaves either the whole blob or none.
 */
public class FileBlobStore implements BlobStore {

	private final Path root;

	public FileBlobStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public StoredBlob put(String key, InputStream content) throws IOException {
		return write(key, content, null);
	}

	@Override
	public StoredBlob put(String key, InputStream content, long size, String sha256) throws IOException {
		return write(key, content, new StoredBlob(key, location(key), size, sha256));
	}

	/**
	 * Writes a temporary file, checks it against {@code expected} (when given), then
	 * moves it to the blob's place.
	 */
	private StoredBlob write(String key, InputStream content, StoredBlob expected) throws IOException {
		Path target = resolve(key);
		Files.createDirectories(target.getParent());
		Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		MessageDigest digest = Sha256.newDigest();
		long size;
		String sha256;
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
			size = content.transferTo(out);
			out.flush();
			sha256 = Sha256.hex(digest);
			if (expected != null) {
				BlobMismatchException.requireMatch(expected, size, sha256);
			}
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(temp);
			throw ex;
		}
		move(temp, target);
		syncDirectory(target.getParent());
		return new StoredBlob(key, location(key), size, sha256);
	}

	@Override
	public InputStream open(String key) throws IOException {
		try {
			return Files.newInputStream(resolve(key));
		}
		catch (NoSuchFileException ex) {
			throw new BlobNotFoundException(location(key));
		}
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(resolve(key));
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(resolve(key));
	}

	@Override
	public String location(String key) {
		return resolve(key).toUri().toString();
	}

	private Path resolve(String key) {
		Path path = this.root.resolve(key).normalize();
		if (key.isBlank() || !path.startsWith(this.root) || path.equals(this.root)) {
			throw new IllegalArgumentException("blob key '" + key + "' points outside the store at " + this.root);
		}
		return path;
	}

	private static void move(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Some file systems cannot open or sync a directory; the rename is still
			// atomic.
		}
	}

}
