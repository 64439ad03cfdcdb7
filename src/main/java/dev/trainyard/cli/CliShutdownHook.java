package dev.trainyard.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.run.ShutdownSignals;

/**
 * {@code SIGTERM} (a plain {@code kill}, a Kubernetes eviction) or Ctrl-C during
 * {@code run} or {@code resume}: an orderly stop, not a crash. The run stops at its next
 * checkpoint (or, past {@code trainyard.runs.stop-grace}, is recorded stopped at its last
 * one), its summary is printed once and the process exits with the run's code: {@code 4}
 * for a run stopped before its end.
 */
final class CliShutdownHook {

	/**
	 * How long the stop waits for the main thread to print the summary after the stop.
	 */
	private static final long PRINT_WAIT_SECONDS = 10;

	private final Runs runs;

	private final String pipeline;

	private final Consumer<RunSummary> printer;

	private final CountDownLatch printed = new CountDownLatch(1);

	private final AtomicBoolean summaryClaimed = new AtomicBoolean();

	private final ShutdownSignals signals;

	private volatile int exitCode = ExitCodes.FAILED;

	private CliShutdownHook(Runs runs, String pipeline, Consumer<RunSummary> printer) {
		this.runs = runs;
		this.pipeline = pipeline;
		this.printer = printer;
		this.signals = ShutdownSignals.onTermination("cli-stop", this::stop);
	}

	static CliShutdownHook install(Runs runs, String pipeline, Consumer<RunSummary> printer) {
		return new CliShutdownHook(runs, pipeline, printer);
	}

	/**
	 * The run ended: prints its summary unless the stop already did, and gives the
	 * signals back.
	 */
	void finish(RunSummary summary, int code) {
		if (this.summaryClaimed.compareAndSet(false, true)) {
			this.printer.accept(summary);
			this.exitCode = code;
		}
		this.printed.countDown();
		this.signals.restore();
	}

	private void stop() {
		try {
			CliStreams.current().err().println(this.pipeline + ": stopping at the next checkpoint");
			List<String> givenUp = this.runs.stopForShutdown();
			if (!awaitPrinted() && this.summaryClaimed.compareAndSet(false, true)) {
				RunView run = this.runs.list(this.pipeline, null, 1).stream().findFirst().orElse(null);
				if (run != null) {
					RunSummary summary = RunSummary.of(run);
					this.printer.accept(summary);
					this.exitCode = givenUp.contains(run.runId()) ? ExitCodes.STOPPED : summary.exitCode();
				}
			}
		}
		catch (RuntimeException | Error ex) {
			CliStreams.current().err().println(this.pipeline + ": the orderly stop failed: " + ex);
		}
		finally {
			CliStreams.current().out().flush();
			System.exit(this.exitCode);
		}
	}

	private boolean awaitPrinted() {
		try {
			return this.printed.await(PRINT_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
