package dev.trainyard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import dev.trainyard.store.S3ProxyServer;
import dev.trainyard.store.SeededBytes;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoredBlob;
import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Benchmark, not a test: saves and restores a checkpoint-sized blob through
 * {@link S3BlobStore} (a stream of unknown SHA-256, and a stream whose SHA-256 the caller
 * knows) and, alternating, uploads and downloads the same bytes with the raw SDK (the
 * same clients, a multipart upload of a stream of unknown length, a plain GET drained),
 * against one S3Proxy in this JVM. Reports times, the process's CPU time, the throughput
 * ratio and the most heap in use in each phase.
 * <p>
 * Arguments:
 * {@code <report.md> <repeats> <folder for S3Proxy's buckets> <size in MiB>...}; run by
 * {@code bench/s3-store.sh}.
 */
public final class S3StoreBenchmark {

	private static final String BUCKET = "bench";

	private static final AtomicLong peakHeap = new AtomicLong();

	static final String STORE = "S3BlobStore";

	static final String STORE_KNOWN = "S3BlobStore, SHA-256 known";

	static final String RAW = "raw SDK";

	private final S3Connection connection;

	private final S3BlobStore store;

	private final ExecutorService uploads = Executors.newFixedThreadPool(2);

	private S3StoreBenchmark(S3Connection connection) {
		this.connection = connection;
		this.store = new S3BlobStore(connection);
	}

	public static void main(String[] args) throws Exception {
		Path report = Path.of(args[0]);
		int repeats = Integer.parseInt(args[1]);
		Path work = Files.createTempDirectory(Path.of(args[2]), "s3-store-bench");
		List<Long> sizes = new ArrayList<>();
		for (int i = 3; i < args.length; i++) {
			sizes.add(Long.parseLong(args[i]) * 1024 * 1024);
		}
		sampleHeap();
		Load load = new Load(loadAverage());
		List<Row> rows = new ArrayList<>();
		try (S3ProxyServer server = S3ProxyServer.start(work.resolve("buckets"))) {
			server.createBucket(BUCKET);
			try (S3Connection connection = new S3Connection(S3ProxyServer.settings(server.endpoint(), BUCKET, "bench"),
					S3ProxyServer.credentials())) {
				S3StoreBenchmark benchmark = new S3StoreBenchmark(connection);
				benchmark.warmUp();
				for (long size : sizes) {
					for (int r = 1; r <= repeats; r++) {
						rows.add(benchmark.store(size, r));
						rows.add(benchmark.storeKnown(size, r));
						rows.add(benchmark.raw(size, r));
					}
				}
				benchmark.uploads.shutdown();
			}
		}
		finally {
			deleteTree(work);
			load = new Load(load.before(), loadAverage());
		}
		Files.writeString(report, Report.markdown(rows, sizes, repeats, work.resolve("buckets"), load),
				StandardCharsets.UTF_8);
		System.out.println(Files.readString(report));
	}

	private void warmUp() throws IOException {
		for (int i = 0; i < 2; i++) {
			store(64L * 1024 * 1024, 0);
			storeKnown(64L * 1024 * 1024, 0);
			raw(64L * 1024 * 1024, 0);
		}
	}

	private Row store(long size, int repeat) throws IOException {
		return throughStore(STORE, "checkpoints/bench/run/" + size + "-" + repeat, size, repeat,
				(key) -> this.store.put(key, new SeededBytes(repeat, size)));
	}

	// the SHA-256 is computed before the save is timed, as a caller holding the model has
	// it
	private Row storeKnown(long size, int repeat) throws IOException {
		String sha256 = Sha256.hex(new SeededBytes(repeat, size));
		return throughStore(STORE_KNOWN, "checkpoints/bench/run/" + size + "-" + repeat + "-known", size, repeat,
				(key) -> this.store.put(key, new SeededBytes(repeat, size), size, sha256));
	}

	private Row throughStore(String variant, String key, long size, int repeat, Save save) throws IOException {
		Phase saving = Phase.start();
		StoredBlob blob = save.put(key);
		saving.stop();
		Phase restore = Phase.start();
		long read;
		try (InputStream in = this.store.open(key)) {
			read = in.transferTo(OutputStream.nullOutputStream());
		}
		restore.stop();
		check(size, blob.size(), read);
		this.store.delete(key);
		return log(new Row(variant, size, repeat, saving, restore));
	}

	private Row raw(long size, int repeat) throws IOException {
		String key = "bench/raw/" + size + "-" + repeat;
		Phase save = Phase.start();
		this.connection.multipartClient()
			.putObject((request) -> request.bucket(BUCKET).key(key),
					AsyncRequestBody.fromInputStream(new SeededBytes(repeat, size), null, this.uploads))
			.join();
		save.stop();
		Phase restore = Phase.start();
		long read;
		try (ResponseInputStream<GetObjectResponse> in = this.connection.client()
			.getObject((request) -> request.bucket(BUCKET).key(key), AsyncResponseTransformer.toBlockingInputStream())
			.join()) {
			read = in.transferTo(OutputStream.nullOutputStream());
		}
		restore.stop();
		check(size, size, read);
		this.connection.client().deleteObject((request) -> request.bucket(BUCKET).key(key)).join();
		return log(new Row(RAW, size, repeat, save, restore));
	}

	private static void check(long size, long written, long read) {
		if (written != size || read != size) {
			throw new IllegalStateException("wrote " + written + " and read " + read + " of " + size + " bytes");
		}
	}

	private static Row log(Row row) {
		if (row.repeat() > 0) {
			System.err.printf(Locale.ROOT,
					"%-26s %5d MiB #%d: save %.2f s (CPU %.2f s), restore %.2f s (CPU %.2f s), peak heap %d MiB / %d MiB%n",
					row.variant(), row.size() >> 20, row.repeat(), row.save().seconds(), row.save().cpuSeconds(),
					row.restore().seconds(), row.restore().cpuSeconds(), row.save().peakHeap() >> 20,
					row.restore().peakHeap() >> 20);
		}
		return row;
	}

	// the heap in use, sampled every few milliseconds: garbage included, as a process
	// would need it
	private static void sampleHeap() {
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
						Math::max);
				// the sampling period (2 ms), not a wait for a result
				java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
	}

	private static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * One timed phase: wall time, the CPU time of the whole process (S3Proxy included)
	 * and the most heap in use while it ran.
	 */
	static final class Phase {

		private final long start;

		private final long startCpu;

		private long nanos;

		private long cpuNanos;

		private long peakHeap;

		private Phase() {
			System.gc();
			S3StoreBenchmark.peakHeap.set(0);
			this.startCpu = cpuNanos();
			this.start = System.nanoTime();
		}

		static Phase start() {
			return new Phase();
		}

		void stop() {
			this.nanos = System.nanoTime() - this.start;
			this.cpuNanos = cpuNanos() - this.startCpu;
			this.peakHeap = S3StoreBenchmark.peakHeap.get();
		}

		double seconds() {
			return this.nanos / 1e9;
		}

		double cpuSeconds() {
			return this.cpuNanos / 1e9;
		}

		long peakHeap() {
			return this.peakHeap;
		}

	}

	/** A save through the store under a key. */
	interface Save {

		StoredBlob put(String key) throws IOException;

	}

	record Row(String variant, long size, int repeat, Phase save, Phase restore) {
	}

	/** The machine's load average (1 minute) when the benchmark started and ended. */
	record Load(double before, double after) {

		Load(double before) {
			this(before, Double.NaN);
		}

	}

	static final class Report {

		static String markdown(List<Row> rows, List<Long> sizes, int repeats, Path buckets, Load load) {
			StringBuilder out = new StringBuilder();
			out.append("# S3 store: save and restore against the raw SDK\n\n");
			out.append(String.format(Locale.ROOT,
					"Measured %s on %d cores, Java %s, `%s`, by `bench/s3-store.sh`; "
							+ "load average (1 min) %.2f when it started, %.2f when it ended.%n",
					Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
					String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), load.before(),
					load.after()));
			out.append("S3Proxy in the same JVM, its filesystem blob store in `")
				.append(buckets.getParent().getParent())
				.append("` (the store's spool file in `")
				.append(System.getProperty("java.io.tmpdir"))
				.append("`); one S3Connection for all variants (8 MiB parts, 4 parts in flight). Medians of ")
				.append(repeats)
				.append(" runs, the variants alternating, after a 64 MiB warm-up. The bytes come from a seeded "
						+ "generator (`SeededBytes`), never from an array.\n\n");
			out.append("- **" + STORE + "**: `put(key, stream)` (the stream written to a spool file while a second "
					+ "thread hashes it, then sent from there as the store's own multipart upload with "
					+ "`x-amz-meta-sha256`), then `open` drained (the SHA-256 checked at the end).\n");
			out.append("- **" + STORE_KNOWN + "**: `put(key, stream, size, sha256)`, as checkpoints and model "
					+ "artifacts call it (the SHA-256 computed before the timed save): the stream sent as it is read, "
					+ "hashed on the way, the upload completed only if the SHA-256 matches; no spool. Then `open` "
					+ "drained.\n");
			out.append("- **" + RAW + "**: the SDK's multipart client's `putObject` of the same stream, length "
					+ "unknown (`AsyncRequestBody.fromInputStream`), then a plain `getObject` drained; nothing "
					+ "hashed.\n\n");
			out.append("CPU: the whole process's CPU time in the phase (S3Proxy's included; 2 cores give at most "
					+ "2 s of CPU per second). Peak heap: the most heap in use (garbage included), sampled every "
					+ "2 ms.\n\n");
			out.append("| size | variant | save (s) | save MiB/s | save CPU (s) | restore (s) | restore MiB/s "
					+ "| restore CPU (s) | save + restore MiB/s | peak heap save / restore (MiB) |\n");
			out.append("|---|---|---|---|---|---|---|---|---|---|\n");
			List<String> ratios = new ArrayList<>();
			for (long size : sizes) {
				Summary raw = Summary.of(rows, RAW, size);
				for (String variant : List.of(STORE, STORE_KNOWN)) {
					Summary store = Summary.of(rows, variant, size);
					out.append(store.line());
					ratios.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %d / %d |%n", mib(size),
							variant, raw.save / store.save, raw.restore / store.restore,
							(raw.save + raw.restore) / (store.save + store.restore),
							Math.max(store.peakSave, store.peakRestore) >> 20,
							Math.max(raw.peakSave, raw.peakRestore) >> 20));
				}
				out.append(raw.line());
			}
			out.append("\nThe store against the raw SDK: throughput ratio (raw time / store time, medians; 1.0 = as "
					+ "fast) and peak heap of any phase (store / raw):\n\n");
			out.append("| size | variant | save | restore | save + restore | peak heap, MiB |\n");
			out.append("|---|---|---|---|---|---|\n");
			ratios.forEach(out::append);
			out.append("\nEvery run:\n\n| size | variant | run | save (s) | save CPU (s) | restore (s) "
					+ "| restore CPU (s) | peak heap save / restore (MiB) |\n|---|---|---|---|---|---|---|---|\n");
			for (Row row : rows) {
				if (row.repeat() > 0) {
					out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %d / %d |%n",
							mib(row.size()), row.variant(), row.repeat(), row.save().seconds(), row.save().cpuSeconds(),
							row.restore().seconds(), row.restore().cpuSeconds(), row.save().peakHeap() >> 20,
							row.restore().peakHeap() >> 20));
				}
			}
			return out.toString();
		}

		private static String mib(long size) {
			return (size >= 1L << 30 && size % (1L << 30) == 0) ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
		}

		record Summary(long size, String variant, double save, double saveCpu, double restore, double restoreCpu,
				long peakSave, long peakRestore) {

			static Summary of(List<Row> rows, String variant, long size) {
				List<Row> mine = rows.stream()
					.filter((row) -> row.repeat() > 0 && row.variant().equals(variant) && row.size() == size)
					.toList();
				return new Summary(size, variant, median(mine.stream().mapToDouble((row) -> row.save().seconds())),
						median(mine.stream().mapToDouble((row) -> row.save().cpuSeconds())),
						median(mine.stream().mapToDouble((row) -> row.restore().seconds())),
						median(mine.stream().mapToDouble((row) -> row.restore().cpuSeconds())),
						mine.stream().mapToLong((row) -> row.save().peakHeap()).max().orElse(0),
						mine.stream().mapToLong((row) -> row.restore().peakHeap()).max().orElse(0));
			}

			String line() {
				double mib = this.size / (1024.0 * 1024);
				return String.format(Locale.ROOT,
						"| %s | %s | %.2f | %.0f | %.2f | %.2f | %.0f | %.2f | %.0f | %d / %d |%n",
						Report.mib(this.size), this.variant, this.save, mib / this.save, this.saveCpu, this.restore,
						mib / this.restore, this.restoreCpu, 2 * mib / (this.save + this.restore), this.peakSave >> 20,
						this.peakRestore >> 20);
			}

			private static double median(DoubleStream values) {
				double[] sorted = values.sorted().toArray();
				int n = sorted.length;
				return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
			}

		}

	}

}
