package dev.trainyard.store.s3;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The part-sized buffers of one multipart upload: at most {@code count}, made as needed
 * and reused once the part they held is sent, so that an upload holds at most
 * {@code count} parts in the heap however large the blob.
 */
final class PartBuffers {

	private final int size;

	private final int count;

	private final BlockingQueue<byte[]> free;

	private int made;

	PartBuffers(int size, int count) {
		this.size = size;
		this.count = count;
		this.free = new ArrayBlockingQueue<>(count);
	}

	/**
	 * A buffer to fill: a free one, a new one while fewer than {@code count} exist, or
	 * the next one released.
	 */
	byte[] take() throws InterruptedIOException {
		byte[] buffer = this.free.poll();
		if (buffer != null) {
			return buffer;
		}
		if (this.made < this.count) {
			this.made++;
			return new byte[this.size];
		}
		try {
			return this.free.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for a part to be sent");
		}
	}

	/**
	 * Gives back a buffer whose part was sent (or failed to be).
	 */
	void release(byte[] buffer) {
		this.free.offer(buffer);
	}

}
