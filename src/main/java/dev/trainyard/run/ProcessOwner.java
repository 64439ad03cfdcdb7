package dev.trainyard.run;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The process that executes a run: host, process id and the process's start time (which
 * tells a live process apart from a new one that reuses a dead one's id).
 */
record ProcessOwner(String host, long pid, Instant startedAt) {

	static ProcessOwner current() {
		return new ProcessOwner(hostName(), ProcessHandle.current().pid(),
				Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
					.truncatedTo(ChronoUnit.SECONDS));
	}

	boolean isCurrentProcess() {
		return equals(current());
	}

	/**
	 * Whether this owner is certainly gone: it ran on this host and no process with its
	 * id and start time exists any more. Owners on other hosts are judged by their
	 * heartbeat.
	 */
	boolean isDeadOnThisHost() {
		if (!this.host.equals(hostName())) {
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(this.pid);
		if (process.isEmpty() || !process.get().isAlive()) {
			return true;
		}
		Optional<Instant> start = process.get().info().startInstant();
		return start.isPresent() && Math.abs(start.get().getEpochSecond() - this.startedAt.getEpochSecond()) > 2;
	}

	boolean isOnThisHost() {
		return this.host.equals(hostName());
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
