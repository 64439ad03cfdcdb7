package dev.trainyard.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A store behind the {@link StoreCircuitBreaker}: every call goes through it, and so do
 * failures met while reading a blob it opened.
 */
final class CircuitBreakingBlobStore implements BlobStore {

	private final BlobStore store;

	private final StoreCircuitBreaker breaker;

	CircuitBreakingBlobStore(BlobStore store, StoreCircuitBreaker breaker) {
		this.store = store;
		this.breaker = breaker;
	}

	/** The store behind the breaker. */
	BlobStore store() {
		return this.store;
	}

	@Override
	public StoredBlob put(String key, InputStream content) throws IOException {
		return this.breaker.call("writing " + key, () -> this.store.put(key, content));
	}

	@Override
	public StoredBlob put(String key, InputStream content, long size, String sha256) throws IOException {
		return this.breaker.call("writing " + key, () -> this.store.put(key, content, size, sha256));
	}

	@Override
	public InputStream open(String key) throws IOException {
		InputStream opened = this.breaker.call("reading " + key, () -> this.store.open(key));
		return new FilterInputStream(opened) {

			@Override
			public int read() throws IOException {
				try {
					return super.read();
				}
				catch (IOException ex) {
					throw failedLater(ex);
				}
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				try {
					return super.read(buffer, offset, length);
				}
				catch (IOException ex) {
					throw failedLater(ex);
				}
			}

		};
	}

	private IOException failedLater(IOException failure) {
		if (StoreCircuitBreaker.countsAgainstTheStore(failure)) {
			this.breaker.failedLater(failure);
		}
		return failure;
	}

	@Override
	public boolean exists(String key) throws IOException {
		return this.breaker.call("looking up " + key, () -> this.store.exists(key));
	}

	@Override
	public void delete(String key) throws IOException {
		this.breaker.call("deleting " + key, () -> {
			this.store.delete(key);
			return null;
		});
	}

	@Override
	public String location(String key) {
		return this.store.location(key);
	}

}
