import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A command trainer written from CONTRACT §7 alone, run with the JDK's single-file source
 * launcher ({@code java Trainer.java}). It fits a logistic regression by mini-batch
 * gradient descent on TRAINYARD_TRAIN_DATA, one step at a time, deterministically from
 * TRAINYARD_SEED: the weights and the random generator's state are all the state there
 * is, so a run resumed from a checkpoint ends with exactly the weights of one that was
 * not interrupted.
 *
 * Options: --steps N (20), --checkpoint-every K (5), --sleep-ms M per step (0),
 * --slow-rename-ms M (wait before renaming a checkpoint directory into place),
 * --partial-at STEP (leave a checkpoint directory half-written, never renamed),
 * --fail-once-at STEP MARKER (exit 75 at STEP unless MARKER exists, creating it),
 * --exit-at STEP CODE, --no-metrics, --metrics TEXT (written as the metrics file),
 * --no-model, --ignore-stdin (keep training when stdin ends, as a careless trainer would), --spawn-child (a child "sleep 1000"), --ignore-term-child (a child shell
 * that ignores SIGTERM), --huge-line N (print one line of N characters), --echo-env.
 * On SIGTERM it writes a final checkpoint and exits (143, as the JVM does); at the end of
 * its stdin (Trainyard is gone) it exits 75 at once.
 */
public class Trainer {

	static final Map<String, List<String>> options = new HashMap<>();

	static volatile boolean stopRequested;

	static int published = -1;

	static final CountDownLatch stopped = new CountDownLatch(1);

	public static void main(String[] args) throws Exception {
		parse(args);
		if (!has("ignore-stdin")) {
			watchStdin();
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopRequested = true;
			try {
				stopped.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		try {
			train();
		}
		finally {
			stopped.countDown();
		}
	}

	static void train() throws Exception {
		System.err.println("trainer starting: " + String.join(" ", options.keySet()));
		if (has("echo-env")) {
			new TreeMap<>(System.getenv()).forEach((name, value) -> {
				if (name.startsWith("TRAINYARD_") || name.startsWith("EXTRA_") || name.equals("PYTHONUNBUFFERED")) {
					System.out.println("env " + name + "=" + value);
				}
			});
			System.out.println("cwd=" + Path.of("").toAbsolutePath());
		}
		if (has("huge-line")) {
			System.out.println("x".repeat(Integer.parseInt(value("huge-line", 0))));
		}
		if (has("spawn-child")) {
			new ProcessBuilder("sleep", "1000").inheritIO().start();
		}
		if (has("ignore-term-child")) {
			new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 1000").inheritIO().start();
		}
		int steps = Integer.parseInt(value("steps", 0, "20"));
		int every = Integer.parseInt(value("checkpoint-every", 0, "5"));
		long sleep = Long.parseLong(value("sleep-ms", 0, "0"));
		Data train = Data.read(Path.of(env("TRAINYARD_TRAIN_DATA")), env("TRAINYARD_LABEL"));
		Model model = Model.start(train.features, Long.parseLong(env("TRAINYARD_SEED")));
		String resume = System.getenv("TRAINYARD_RESUME_DIR");
		if (resume != null) {
			model = Model.load(Path.of(resume));
			int expected = Integer.parseInt(env("TRAINYARD_RESUME_STEP"));
			if (model.step != expected) {
				throw new IllegalStateException("resume dir holds step " + model.step + ", not " + expected);
			}
			System.out.println("resuming from step " + model.step);
		}
		Path checkpoints = Path.of(env("TRAINYARD_CHECKPOINT_DIR"));
		while (model.step < steps) {
			if (stopRequested) {
				if (model.step != published) {
					publish(model, checkpoints);
				}
				System.out.println("stopping at step " + model.step + " as asked");
				return;
			}
			model.step(train);
			System.out.println("trainyard:progress step=" + model.step + " total=" + steps);
			if (model.step % every == 0 || model.step == steps) {
				publish(model, checkpoints);
			}
			misbehave(model.step);
			if (sleep > 0) {
				// a slow trainer on purpose (--sleep-ms): the time a real training step takes
				Thread.sleep(sleep); // --sleep-ms
			}
		}
		System.out.println("loss " + model.loss(train));
		finish(model);
	}

	static void misbehave(int step) throws IOException {
		if (has("partial-at") && step == Integer.parseInt(value("partial-at", 0))) {
			Path partial = Files.createDirectories(Path.of(env("TRAINYARD_CHECKPOINT_DIR"), "tmp-" + step));
			Files.writeString(partial.resolve("weights.txt"), "half");
		}
		if (has("fail-once-at") && step == Integer.parseInt(value("fail-once-at", 0))) {
			Path marker = Path.of(value("fail-once-at", 1));
			if (!Files.exists(marker)) {
				Files.writeString(marker, "failed once");
				System.err.println("a transient failure at step " + step);
				exit(75);
			}
		}
		if (has("exit-at") && step == Integer.parseInt(value("exit-at", 0))) {
			System.err.println("giving up at step " + step);
			exit(Integer.parseInt(value("exit-at", 1)));
		}
	}

	/** CONTRACT §7: write into a directory whose name does not start with a digit, then rename it. */
	static void publish(Model model, Path checkpoints) throws Exception {
		published = model.step;
		Path temp = checkpoints.resolve("tmp-" + model.step);
		Files.createDirectories(temp);
		model.save(temp);
		if (has("slow-rename-ms")) {
			System.out.println("checkpoint " + model.step + " written, renaming soon");
			// the half-written directory stays visible this long (--slow-rename-ms), so a test
			// can check that it is never recorded
			Thread.sleep(Long.parseLong(value("slow-rename-ms", 0))); // --slow-rename-ms
		}
		Files.move(temp, checkpoints.resolve(Integer.toString(model.step)));
	}

	static void finish(Model model) throws IOException {
		if (!has("no-model")) {
			model.save(Path.of(env("TRAINYARD_MODEL_DIR")));
		}
		Path metrics = Path.of(env("TRAINYARD_METRICS_FILE"));
		if (has("metrics")) {
			Files.writeString(metrics, value("metrics", 0));
		}
		else if (!has("no-metrics")) {
			Data validation = Data.read(Path.of(env("TRAINYARD_VALIDATION_DATA")), env("TRAINYARD_LABEL"));
			Files.writeString(metrics, "{\"val_loss\": " + model.loss(validation) + ", \"val_accuracy\": "
					+ model.accuracy(validation) + "}");
		}
	}

	/** Exits without waiting for the shutdown hook, which waits for the training loop. */
	static void exit(int code) {
		stopped.countDown();
		System.exit(code);
	}

	/** End of file on stdin: Trainyard is gone, so stop at once. */
	static void watchStdin() {
		Thread watcher = new Thread(() -> {
			try {
				InputStream in = System.in;
				while (in.read() != -1) {
					// nothing is ever sent
				}
			}
			catch (IOException ex) {
				// treated as the end
			}
			System.err.println("stdin closed: Trainyard is gone, exiting");
			Runtime.getRuntime().halt(75);
		});
		watcher.setDaemon(true);
		watcher.start();
	}

	static void parse(String[] args) {
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + args[i]);
			}
			String name = args[i].substring(2);
			List<String> values = new ArrayList<>();
			while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				values.add(args[++i]);
			}
			options.put(name, values);
		}
	}

	static boolean has(String name) {
		return options.containsKey(name);
	}

	static String value(String name, int index, String... fallback) {
		List<String> values = options.get(name);
		return (values != null) ? values.get(index) : fallback[0];
	}

	static String env(String name) {
		String value = System.getenv(name);
		if (value == null) {
			throw new IllegalStateException(name + " is not set");
		}
		return value;
	}

	/** The rows of a CSV file: every column but the label is a feature; empty cells are 0. */
	record Data(double[][] x, double[] y, int features) {

		static Data read(Path file, String label) throws IOException {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			String[] header = lines.get(0).split(",", -1);
			int labelColumn = List.of(header).indexOf(label);
			double[][] x = new double[lines.size() - 1][header.length - 1];
			double[] y = new double[lines.size() - 1];
			for (int row = 1; row < lines.size(); row++) {
				String[] cells = lines.get(row).split(",", -1);
				int feature = 0;
				for (int column = 0; column < cells.length; column++) {
					double value = cells[column].isEmpty() ? 0 : Double.parseDouble(cells[column]);
					if (column == labelColumn) {
						y[row - 1] = value;
					}
					else {
						x[row - 1][feature++] = value;
					}
				}
			}
			return new Data(x, y, header.length - 1);
		}

	}

	/** Weights (bias last), the step reached and the state of the random generator. */
	static final class Model {

		final double[] w;

		int step;

		long rng;

		Model(double[] w, int step, long rng) {
			this.w = w;
			this.step = step;
			this.rng = rng;
		}

		static Model start(int features, long seed) {
			Model model = new Model(new double[features + 1], 0, seed * 0x9E3779B97F4A7C15L | 1);
			for (int i = 0; i < model.w.length; i++) {
				model.w[i] = (model.next() % 1000) / 100000.0;
			}
			return model;
		}

		long next() {
			this.rng ^= this.rng << 13;
			this.rng ^= this.rng >>> 7;
			this.rng ^= this.rng << 17;
			return this.rng;
		}

		/** One step of gradient descent on a batch of 32 rows drawn with the generator. */
		void step(Data data) {
			double[] gradient = new double[this.w.length];
			for (int b = 0; b < 32; b++) {
				int row = (int) Math.floorMod(next(), (long) data.x().length);
				double error = predict(data.x()[row]) - data.y()[row];
				for (int i = 0; i < data.features(); i++) {
					gradient[i] += error * scale(data.x()[row][i]);
				}
				gradient[data.features()] += error;
			}
			for (int i = 0; i < this.w.length; i++) {
				this.w[i] -= 0.1 * gradient[i] / 32;
			}
			this.step++;
		}

		double predict(double[] x) {
			double z = this.w[x.length];
			for (int i = 0; i < x.length; i++) {
				z += this.w[i] * scale(x[i]);
			}
			return 1 / (1 + Math.exp(-z));
		}

		static double scale(double value) {
			return Math.signum(value) * Math.log1p(Math.abs(value));
		}

		double loss(Data data) {
			double sum = 0;
			for (int row = 0; row < data.x().length; row++) {
				double p = Math.min(Math.max(predict(data.x()[row]), 1e-12), 1 - 1e-12);
				sum -= data.y()[row] * Math.log(p) + (1 - data.y()[row]) * Math.log(1 - p);
			}
			return sum / data.x().length;
		}

		double accuracy(Data data) {
			int right = 0;
			for (int row = 0; row < data.x().length; row++) {
				right += ((predict(data.x()[row]) >= 0.5) == (data.y()[row] >= 0.5)) ? 1 : 0;
			}
			return (double) right / data.x().length;
		}

		/** Exact: every double as the hex of its bits. */
		void save(Path dir) throws IOException {
			StringBuilder weights = new StringBuilder();
			for (double value : this.w) {
				weights.append(Long.toHexString(Double.doubleToRawLongBits(value))).append('\n');
			}
			Files.writeString(dir.resolve("weights.txt"), weights);
			Files.createDirectories(dir.resolve("state"));
			Files.writeString(dir.resolve("state/progress.txt"), this.step + "\n" + this.rng + "\n");
		}

		static Model load(Path dir) throws IOException {
			List<String> weights = Files.readAllLines(dir.resolve("weights.txt"));
			double[] w = new double[weights.size()];
			for (int i = 0; i < w.length; i++) {
				w[i] = Double.longBitsToDouble(Long.parseUnsignedLong(weights.get(i), 16));
			}
			List<String> state = Files.readAllLines(dir.resolve("state/progress.txt"));
			return new Model(w, Integer.parseInt(state.get(0)), Long.parseLong(state.get(1)));
		}

	}

}
