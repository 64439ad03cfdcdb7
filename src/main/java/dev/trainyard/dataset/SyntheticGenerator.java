package dev.trainyard.dataset;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a {@link SyntheticSpec} dataset, deterministic from its seed. Features are
 * uniform in [-1, 1); a latent score mixes up to six of them through linear, sine and
 * quadratic terms, plus logistic noise. Regression labels are the noisy score;
 * classification labels cut the noisy score at its quantiles into balanced classes. Only
 * {@link SplittableRandom#nextLong()} and {@link StrictMath} are used, so the data is the
 * same on every machine.
 */
final class SyntheticGenerator {

	private static final int INFORMATIVE = 6;

	private static final double NOISE = 0.3;

	private SyntheticGenerator() {
	}

	static Loaded generate(SyntheticSpec spec) {
		SplittableRandom random = new SplittableRandom(spec.seed());
		int rows = spec.rows();
		int columns = spec.features();
		int informative = Math.min(columns, INFORMATIVE);
		double[] weights = new double[informative];
		double scale = 0;
		for (int j = 0; j < informative; j++) {
			weights[j] = (1 + 2 * uniform(random)) * ((random.nextLong() < 0) ? -1 : 1);
			scale += weights[j] * weights[j];
		}
		double noise = NOISE * Math.sqrt(scale / 2);
		float[] features = new float[rows * columns];
		double[] scores = new double[rows];
		for (int i = 0; i < rows; i++) {
			int offset = i * columns;
			for (int j = 0; j < columns; j++) {
				features[offset + j] = (float) (2 * uniform(random) - 1);
			}
			double score = 0;
			for (int j = 0; j < informative; j++) {
				score += weights[j] * term(j, features[offset + j]);
			}
			double u = (random.nextLong() >>> 11) * 0x1.0p-53 + 0x1.0p-54;
			scores[i] = score + noise * StrictMath.log(u / (1 - u));
		}
		float[] labels = spec.classification() ? classes(scores, spec.classes()) : toFloats(scores);
		Table table = new Table(features, labels, rows, columns, names(columns));
		List<String> header = new ArrayList<>(table.featureNames());
		header.add(SyntheticSpec.LABEL);
		return new Loaded(table, fingerprint(table), spec.numClasses(), header, columns);
	}

	private static double uniform(SplittableRandom random) {
		return (random.nextLong() >>> 11) * 0x1.0p-53;
	}

	private static double term(int j, float x) {
		return switch (j % 3) {
			case 0 -> 1.7 * x;
			case 1 -> StrictMath.sin(3 * x);
			default -> 2.5 * (x * x - 1.0 / 3);
		};
	}

	private static float[] classes(double[] scores, int classes) {
		double[] sorted = scores.clone();
		Arrays.sort(sorted);
		double[] cuts = new double[classes - 1];
		for (int c = 1; c < classes; c++) {
			cuts[c - 1] = sorted[(int) ((long) sorted.length * c / classes)];
		}
		float[] labels = new float[scores.length];
		for (int i = 0; i < scores.length; i++) {
			int label = 0;
			while (label < cuts.length && scores[i] >= cuts[label]) {
				label++;
			}
			labels[i] = label;
		}
		return labels;
	}

	private static float[] toFloats(double[] values) {
		float[] floats = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			floats[i] = (float) values[i];
		}
		return floats;
	}

	private static List<String> names(int columns) {
		List<String> names = new ArrayList<>(columns);
		for (int j = 0; j < columns; j++) {
			names.add("f" + j);
		}
		return names;
	}

	/**
	 * SHA-256 of rows and columns (two ints), then the features row by row, then the
	 * labels, all big-endian.
	 */
	static String fingerprint(Table table) {
		MessageDigest digest = Fingerprints.sha256();
		ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
		digest.update(bytes.putInt(table.rows()).putInt(table.columns()).flip());
		FloatBuffer floats = bytes.clear().asFloatBuffer();
		for (float[] values : new float[][] { table.features(), table.labels() }) {
			for (int from = 0; from < values.length; from += floats.capacity()) {
				int count = Math.min(floats.capacity(), values.length - from);
				floats.clear().put(values, from, count);
				digest.update(bytes.array(), 0, count * Float.BYTES);
			}
		}
		return Fingerprints.hex(digest);
	}

}
