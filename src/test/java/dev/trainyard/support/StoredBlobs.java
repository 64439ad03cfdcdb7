package dev.trainyard.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.trainyard.store.BlobStore;

/**
 * What the tests do to the blobs of whichever store the application uses (files or S3):
 * read one as text, replace one through the store, or damage one at rest as a failing
 * disk would (the bytes change, what the store recorded about them does not).
 */
public final class StoredBlobs {

	private StoredBlobs() {
	}

	public static String read(BlobStore store, String key) {
		try (InputStream in = store.open(key)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void replace(BlobStore store, String key, String content) {
		try {
			store.put(key, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Inverts the middle byte of the blob at {@code location} ({@code file:}, or
	 * {@code s3:} in a bucket of {@link S3Buckets}) where it is kept.
	 */
	public static void flipAByte(String location) {
		if (location.startsWith("s3://")) {
			S3Buckets.damage(location, (bytes) -> {
				bytes[bytes.length / 2] ^= (byte) 0xFF;
				return bytes;
			});
			return;
		}
		try (FileChannel channel = FileChannel.open(Path.of(URI.create(location)), StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			long position = channel.size() / 2;
			ByteBuffer one = ByteBuffer.allocate(1);
			channel.read(one, position);
			one.put(0, (byte) (one.get(0) ^ 0xFF)).rewind();
			channel.write(one, position);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
