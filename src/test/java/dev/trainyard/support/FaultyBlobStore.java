package dev.trainyard.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.StoredBlob;

/**
 * A real store that can be told to fail chosen writes: the edge a test cannot otherwise
 * reach (a full disk, a network error, a crash between two writes).
 */
public class FaultyBlobStore implements BlobStore {

	private final BlobStore delegate;

	private final AtomicReference<Fault> fault = new AtomicReference<>();

	public FaultyBlobStore(BlobStore delegate) {
		this.delegate = delegate;
	}

	/**
	 * Makes the next {@code times} writes of keys matching {@code keys} fail with
	 * {@code failure} (an {@link IOException} is transient, a runtime exception is not).
	 */
	public void failWrites(Predicate<String> keys, int times, Exception failure) {
		this.fault.set(new Fault(keys, new AtomicInteger(times), failure));
	}

	public void heal() {
		this.fault.set(null);
	}

	@Override
	public StoredBlob put(String key, InputStream content) throws IOException {
		failIfTold(key);
		return this.delegate.put(key, content);
	}

	@Override
	public StoredBlob put(String key, InputStream content, long size, String sha256) throws IOException {
		failIfTold(key);
		return this.delegate.put(key, content, size, sha256);
	}

	private void failIfTold(String key) throws IOException {
		Fault current = this.fault.get();
		if (current != null && current.keys().test(key) && current.remaining().getAndDecrement() > 0) {
			if (current.failure() instanceof IOException io) {
				throw io;
			}
			throw (RuntimeException) current.failure();
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		return this.delegate.open(key);
	}

	@Override
	public boolean exists(String key) throws IOException {
		return this.delegate.exists(key);
	}

	@Override
	public void delete(String key) throws IOException {
		this.delegate.delete(key);
	}

	@Override
	public String location(String key) {
		return this.delegate.location(key);
	}

	private record Fault(Predicate<String> keys, AtomicInteger remaining, Exception failure) {
	}

}
