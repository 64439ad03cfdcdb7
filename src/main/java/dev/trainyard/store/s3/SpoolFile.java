package dev.trainyard.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import dev.trainyard.store.Sha256;

/**
 * A blob larger than a part whose SHA-256 the caller does not know, written to a
 * temporary file while a second thread hashes it: S3 takes the SHA-256 as metadata only
 * when an upload starts, so it has to be known before the first part is sent. The writing
 * thread and the hashing thread share a few 1 MiB chunks, so either one waits for the
 * other rather than the heap filling up. Deleted on {@link #close()}.
 */
final class SpoolFile implements AutoCloseable {

	private static final int CHUNK = 1024 * 1024;

	private static final int CHUNKS = 8;

	private static final ThreadFactory HASHING_THREADS = (task) -> {
		Thread thread = new Thread(task, "trainyard-s3-hash");
		thread.setDaemon(true);
		return thread;
	};

	private final Path path;

	private long size;

	private String sha256;

	private SpoolFile(Path path) {
		this.path = path;
	}

	/**
	 * Writes {@code head} and the rest of the blob to a new file in {@code dir} (the
	 * JVM's temporary folder when {@code null}), {@code digest} (which has seen
	 * {@code head}) hashing the rest.
	 */
	static SpoolFile write(Path dir, byte[] head, InputStream rest, MessageDigest digest) throws IOException {
		Path path = (dir != null) ? Files.createTempFile(Files.createDirectories(dir), "trainyard-s3-", ".spool")
				: Files.createTempFile("trainyard-s3-", ".spool");
		SpoolFile spool = new SpoolFile(path);
		try {
			spool.copy(head, rest, digest);
			return spool;
		}
		catch (IOException | RuntimeException ex) {
			spool.close();
			throw ex;
		}
	}

	long size() {
		return this.size;
	}

	String sha256() {
		return this.sha256;
	}

	InputStream open() throws IOException {
		return Files.newInputStream(this.path);
	}

	@Override
	public void close() throws IOException {
		Files.deleteIfExists(this.path);
	}

	private void copy(byte[] head, InputStream rest, MessageDigest digest) throws IOException {
		ExecutorService hasher = Executors.newSingleThreadExecutor(HASHING_THREADS);
		try (FileChannel out = FileChannel.open(this.path, StandardOpenOption.WRITE)) {
			write(out, head, head.length);
			this.size = head.length + copyHashing(rest, out, digest, hasher);
			this.sha256 = Sha256.hex(digest);
		}
		finally {
			hasher.shutdownNow();
		}
	}

	private static long copyHashing(InputStream in, FileChannel out, MessageDigest digest, ExecutorService hasher)
			throws IOException {
		BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
		for (int i = 0; i < CHUNKS; i++) {
			free.add(new byte[CHUNK]);
		}
		long copied = 0;
		Future<?> hashed = null;
		int n;
		do {
			byte[] chunk = take(free);
			n = in.readNBytes(chunk, 0, CHUNK);
			write(out, chunk, n);
			copied += n;
			int length = n;
			hashed = hasher.submit(() -> {
				digest.update(chunk, 0, length);
				free.add(chunk);
			});
		}
		while (n == CHUNK);
		await(hashed);
		return copied;
	}

	private static void write(FileChannel out, byte[] bytes, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
		while (buffer.hasRemaining()) {
			out.write(buffer);
		}
	}

	private static byte[] take(BlockingQueue<byte[]> free) throws InterruptedIOException {
		try {
			return free.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while spooling a blob");
		}
	}

	// the hashing thread runs its tasks in order: the last one done, all are
	private static void await(Future<?> hashed) throws InterruptedIOException {
		try {
			hashed.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while hashing a blob");
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("hashing a blob failed", ex.getCause());
		}
	}

}
