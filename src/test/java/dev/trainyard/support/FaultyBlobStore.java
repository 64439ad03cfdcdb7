package dev.trainyard.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.StoredBlob;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A real store that can be told to fail chosen writes or reads, or to hold a write until
 * the test lets it go on: the edges a test cannot otherwise reach (a full disk, a network
 * error, a crash between two writes, a race). Every {@link TrainyardTest} heals it after
 * each test ({@link HealAfterEach}), so that no fault outlives the test that set it.
 */
public class FaultyBlobStore implements BlobStore {

	private final BlobStore delegate;

	private final AtomicReference<Fault> fault = new AtomicReference<>();

	private final AtomicReference<Fault> readFault = new AtomicReference<>();

	private final AtomicReference<Hold> hold = new AtomicReference<>();

	private final AtomicReference<DeleteHook> beforeDelete = new AtomicReference<>();

	public FaultyBlobStore(BlobStore delegate) {
		this.delegate = delegate;
	}

	/**
	 * Makes the next {@code times} writes of keys matching {@code keys} fail with
	 * {@code failure} (an {@link IOException} is transient, a runtime exception is not).
	 */
	public void failWrites(Predicate<String> keys, int times, Exception failure) {
		this.fault.set(new Fault(keys, new AtomicInteger(times), failure, new AtomicInteger()));
	}

	/**
	 * Makes the next write of the checkpoint of {@code round} fail as a crash would (not
	 * transient, so the run fails there and a restart goes on from the checkpoint
	 * before).
	 */
	public void crashWritingCheckpoint(int round) {
		failWrites((key) -> key.contains("/%06d-".formatted(round)), 1, new IllegalStateException("crash"));
	}

	/**
	 * Makes the next {@code times} reads of keys matching {@code keys} fail with
	 * {@code failure}.
	 */
	public void failReads(Predicate<String> keys, int times, Exception failure) {
		this.readFault.set(new Fault(keys, new AtomicInteger(times), failure, new AtomicInteger()));
	}

	/**
	 * Holds the next write of a key matching {@code keys} before it happens, until
	 * released: a thread caught in the middle of a step (a segment's checkpoint, a
	 * promotion's pointer), deterministically.
	 */
	public Hold holdNextWrite(Predicate<String> keys) {
		Hold next = new Hold(keys);
		this.hold.set(next);
		return next;
	}

	/**
	 * Calls {@code hook} with the key before every delete (until healed); what it throws,
	 * the delete throws, and the blob stays.
	 */
	public void beforeDelete(DeleteHook hook) {
		this.beforeDelete.set(hook);
	}

	public void heal() {
		this.beforeDelete.set(null);
		this.fault.set(null);
		this.readFault.set(null);
		Hold held = this.hold.getAndSet(null);
		if (held != null) {
			held.release();
		}
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
		Hold held = this.hold.get();
		if (held != null && held.keys.test(key) && this.hold.compareAndSet(held, null)) {
			held.holdHere();
		}
		fail(this.fault.get(), key);
	}

	/** How many writes the current write fault matched, failed or not. */
	public int attempts() {
		Fault current = this.fault.get();
		return (current != null) ? current.attempts().get() : 0;
	}

	private static void fail(Fault current, String key) throws IOException {
		if (current != null && current.keys().test(key) && current.attempts().incrementAndGet() > 0
				&& current.remaining().getAndDecrement() > 0) {
			if (current.failure() instanceof IOException io) {
				throw io;
			}
			throw (RuntimeException) current.failure();
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		fail(this.readFault.get(), key);
		return this.delegate.open(key);
	}

	@Override
	public boolean exists(String key) throws IOException {
		return this.delegate.exists(key);
	}

	@Override
	public void delete(String key) throws IOException {
		DeleteHook hook = this.beforeDelete.get();
		if (hook != null) {
			hook.before(key);
		}
		this.delegate.delete(key);
	}

	@Override
	public String location(String key) {
		return this.delegate.location(key);
	}

	private record Fault(Predicate<String> keys, AtomicInteger remaining, Exception failure, AtomicInteger attempts) {
	}

	/**
	 * A write held before it happens: the test waits until a thread reached it, does what
	 * it wants meanwhile, then lets the thread go on.
	 */
	public static final class Hold {

		private final Predicate<String> keys;

		private final CountDownLatch reached = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private Hold(Predicate<String> keys) {
			this.keys = keys;
		}

		/** Waits until a writer is held here. */
		public void awaitReached() {
			await(this.reached);
		}

		public void release() {
			this.released.countDown();
		}

		private void holdHere() {
			this.reached.countDown();
			await(this.released);
		}

		private static void await(CountDownLatch latch) {
			try {
				if (!latch.await(2, TimeUnit.MINUTES)) {
					throw new IllegalStateException("nothing happened for 2 minutes at a held write");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Heals the context's {@link FaultyBlobStore} after each test. */
	public static class HealAfterEach implements AfterEachCallback {

		@Override
		public void afterEach(ExtensionContext context) {
			SpringExtension.getApplicationContext(context)
				.getBeanProvider(FaultyBlobStore.class)
				.ifAvailable(FaultyBlobStore::heal);
		}

	}

	/** What a test does just before a blob is deleted. */
	@FunctionalInterface
	public interface DeleteHook {

		void before(String key) throws IOException;

	}

}
