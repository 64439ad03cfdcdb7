package dev.trainyard.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * {@code size} pseudo-random bytes from a seed, made as they are read: the same seed and
 * size give the same bytes, and no more than the caller's buffer is ever in memory.
 */
public final class SeededBytes extends InputStream {

	// little-endian, as the byte-wise path takes a long's bytes lowest first
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final SplittableRandom random;

	private long remaining;

	private long pending;

	private int pendingBytes;

	public SeededBytes(long seed, long size) {
		this.random = new SplittableRandom(seed);
		this.remaining = size;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		if (this.remaining == 0) {
			return -1;
		}
		int n = (int) Math.min(length, this.remaining);
		int i = 0;
		while (i < n) {
			if (this.pendingBytes == 0 && n - i >= 8) {
				LONGS.set(buffer, offset + i, this.random.nextLong());
				i += 8;
				continue;
			}
			if (this.pendingBytes == 0) {
				this.pending = this.random.nextLong();
				this.pendingBytes = 8;
			}
			buffer[offset + i++] = (byte) this.pending;
			this.pending >>>= 8;
			this.pendingBytes--;
		}
		this.remaining -= n;
		return n;
	}

}
