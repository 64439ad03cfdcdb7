package dev.trainyard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on the loopback address (the JDK's HTTP server) that records every
 * request and answers 200, or a chosen status for the next requests (a receiver outage).
 */
public final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private volatile int failureStatus = 503;

	private volatile String retryAfter;

	private Receiver(HttpServer server) {
		this.server = server;
	}

	public static Receiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			Receiver receiver = new Receiver(server);
			server.createContext("/", receiver::handle);
			server.setExecutor(Executors.newFixedThreadPool(2));
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The base URL, e.g. {@code http://127.0.0.1:40123}. */
	public String url() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
	}

	/**
	 * Answers {@code status} to the next {@code times} requests (they are recorded too).
	 */
	public void failNext(int times, int status, String retryAfter) {
		this.failureStatus = status;
		this.retryAfter = retryAfter;
		this.failuresLeft.set(times);
	}

	/** Every request so far, in the order they came. */
	public List<Request> received() {
		return List.copyOf(this.received);
	}

	/** The requests that were answered 2xx. */
	public List<Request> accepted() {
		return this.received.stream().filter((request) -> request.status() < 300).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		boolean fail = this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
		int status = fail ? this.failureStatus : 200;
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
		this.received
			.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, status));
		if (fail && this.retryAfter != null) {
			exchange.getResponseHeaders().add("Retry-After", this.retryAfter);
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One recorded request and what it was answered. */
	public record Request(String method, String path, Map<String, String> headers, byte[] body, int status) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public String header(String name) {
			return this.headers.get(name);
		}

	}

}
