package dev.trainyard.run;

import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code SIGTERM} and {@code SIGINT} handled before the JVM starts shutting down, so that
 * an orderly stop (runs stopping at their next checkpoint) happens while everything it
 * needs is still open: the JVM's own shutdown hooks run in no order, and H2's closes the
 * database ({@code AUTO_SERVER} mode allows no other way). The action decides how the
 * process exits.
 */
public final class ShutdownSignals {

	private static final List<String> SIGNALS = List.of("TERM", "INT");

	private final List<Signal> handled = new ArrayList<>();

	private final List<SignalHandler> previous = new ArrayList<>();

	private ShutdownSignals() {
	}

	/**
	 * Runs {@code action} on a thread of its own when the process is asked to terminate.
	 */
	public static ShutdownSignals onTermination(String name, Runnable action) {
		ShutdownSignals signals = new ShutdownSignals();
		for (String signal : SIGNALS) {
			try {
				Signal handled = new Signal(signal);
				signals.previous.add(Signal.handle(handled, (received) -> {
					Thread thread = new Thread(action, name);
					thread.start();
				}));
				signals.handled.add(handled);
			}
			catch (IllegalArgumentException unavailable) {
				// the platform has no such signal, or the JVM keeps it to itself
			}
		}
		return signals;
	}

	/** Gives the signals back to whoever handled them before. */
	public void restore() {
		for (int i = 0; i < this.handled.size(); i++) {
			Signal.handle(this.handled.get(i), this.previous.get(i));
		}
	}

}
