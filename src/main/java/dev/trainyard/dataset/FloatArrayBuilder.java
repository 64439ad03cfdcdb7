package dev.trainyard.dataset;

import java.util.Arrays;

/**
 * A growable {@code float[]}: appends without boxing.
 */
final class FloatArrayBuilder {

	private float[] values;

	private int size;

	FloatArrayBuilder(int initialCapacity) {
		this.values = new float[Math.max(16, initialCapacity)];
	}

	void add(float value) {
		if (this.size == this.values.length) {
			int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, this.values.length * 2L);
			if (capacity == this.values.length) {
				throw new IllegalStateException("More than " + capacity + " values");
			}
			this.values = Arrays.copyOf(this.values, capacity);
		}
		this.values[this.size++] = value;
	}

	int size() {
		return this.size;
	}

	float[] toArray() {
		return (this.values.length == this.size) ? this.values : Arrays.copyOf(this.values, this.size);
	}

}
