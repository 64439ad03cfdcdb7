package dev.trainyard.run;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An instance of Trainyard that executes runs: a unique id (a new one every time
 * Trainyard starts, so two applications in one JVM are two owners), its host, its process
 * id and its process's start time (for people reading the run: which process to look at).
 */
record ProcessOwner(String id, String host, long pid, Instant startedAt) {

	private static final String HOST = hostName();

	/** A new owner for an instance of Trainyard starting in this process. */
	static ProcessOwner create() {
		long pid = ProcessHandle.current().pid();
		Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
			.truncatedTo(ChronoUnit.SECONDS);
		return new ProcessOwner(HOST + "/" + pid + "/" + UUID.randomUUID(), HOST, pid, started);
	}

	/** The name of the host this process runs on. */
	static String thisHost() {
		return HOST;
	}

	/** Whether this is the same owner as {@code other}. */
	boolean isSameAs(ProcessOwner other) {
		return other != null && this.id.equals(other.id);
	}

	boolean isOnThisHost() {
		return this.host.equals(HOST);
	}

	/**
	 * Whether this owner ran on this host and no process with its id exists any more
	 * (certainly dead). A process that reused its id looks alive: its heartbeat decides.
	 */
	boolean isGoneFromThisHost() {
		return isOnThisHost() && ProcessHandle.of(this.pid).map((process) -> !process.isAlive()).orElse(true);
	}

	@Override
	public String toString() {
		return "process " + this.pid + " on " + this.host;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
