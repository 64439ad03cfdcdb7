package dev.trainyard.run;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A process that executes runs: a unique id (a new one every time a JVM starts), its
 * host, its process id and its start time (for people reading the run: which process to
 * look at).
 */
record ProcessOwner(String id, String host, long pid, Instant startedAt) {

	private static final ProcessOwner CURRENT = create();

	static ProcessOwner current() {
		return CURRENT;
	}

	boolean isCurrentProcess() {
		return this.id.equals(CURRENT.id);
	}

	boolean isOnThisHost() {
		return this.host.equals(CURRENT.host);
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

	private static ProcessOwner create() {
		long pid = ProcessHandle.current().pid();
		String host = hostName();
		Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
			.truncatedTo(ChronoUnit.SECONDS);
		return new ProcessOwner(host + "/" + pid + "/" + UUID.randomUUID(), host, pid, started);
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
