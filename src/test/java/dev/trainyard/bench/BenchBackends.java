package dev.trainyard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.trainyard.store.S3ProxyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * Benchmark and crash-test helper, not a test: starts the production pair without Docker
 * in this JVM (an embedded PostgreSQL 17 from zonky's binaries, and S3Proxy with its
 * filesystem blob store) for a {@code trainyard.jar} run in other processes, and writes
 * the settings those processes need to a properties file.
 * <p>
 * Arguments: {@code <work dir> <settings file> <database or bucket name>...}: for each
 * name, a database and a bucket of that name. Then it reads commands, one a line, from
 * stdin: {@code pg-restart} (stop PostgreSQL and start it again on the same port and data
 * directory), {@code pg-stop}, {@code pg-start}, {@code s3-fail} (every S3 request
 * answered 503 Service Unavailable, as an S3 that is down), {@code s3-latency <ms>}
 * (every request delayed that long, as a slow S3; 0 ends it), {@code s3-heal}; end of
 * file stops everything. Each command is answered with one line on stdout
 * ({@code ok <command>}).
 */
public final class BenchBackends {

	private static final String USER = "postgres";

	private final Path pgData;

	private final Path log;

	private EmbeddedPostgres postgres;

	private int port;

	private final AtomicBoolean s3Failing = new AtomicBoolean();

	private final AtomicLong s3LatencyMillis = new AtomicLong();

	private BenchBackends(Path work) {
		this.pgData = work.resolve("pg");
		this.log = work.resolve("postgres.log");
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]).toAbsolutePath();
		Path settings = Path.of(args[1]);
		List<String> names = List.of(args).subList(2, args.length);
		Files.createDirectories(work);
		BenchBackends backends = new BenchBackends(work);
		backends.startPostgres(0);
		try (S3ProxyServer s3 = S3ProxyServer.start(backends.faultyS3Store(work.resolve("s3")))) {
			List<String> lines = new ArrayList<>();
			lines.add("s3.endpoint=" + s3.endpoint());
			lines.add("pg.port=" + backends.port);
			for (String name : names) {
				backends.createDatabase(name);
				s3.createBucket(name);
				lines.add(name + ".jdbc=" + backends.postgres.getJdbcUrl(USER, name));
				lines.add(name + ".bucket=" + name);
			}
			Path temp = settings.resolveSibling(settings.getFileName() + ".tmp");
			Files.write(temp, lines, StandardCharsets.UTF_8);
			Files.move(temp, settings, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			System.out.println("ready " + settings);
			System.out.flush();
			backends.serve();
		}
		finally {
			backends.stopPostgres();
		}
	}

	/**
	 * S3Proxy's filesystem blob store behind a switch that fails or delays every call.
	 */
	private BlobStore faultyS3Store(Path dir) throws IOException {
		Files.createDirectories(dir);
		BlobStore real = new FilesystemNio2BlobStore(dir.toString());
		return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] { BlobStore.class },
				(proxy, method, args) -> {
					long latency = this.s3LatencyMillis.get();
					if (latency > 0) {
						Thread.sleep(latency); // the injected S3 latency itself
					}
					if (this.s3Failing.get() && !method.getName().equals("close")) {
						// what S3 answers when it is down: 503 Service Unavailable
						throw S3Exceptions.fromStatusCode(503);
					}
					try {
						return method.invoke(real, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private void serve() throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			String command = line.trim();
			if (command.startsWith("s3-latency ")) {
				this.s3LatencyMillis.set(Long.parseLong(command.substring(11).trim()));
				System.out.println("ok " + command);
				System.out.flush();
				continue;
			}
			switch (command) {
				case "pg-restart" -> {
					stopPostgres();
					startPostgres(this.port);
				}
				case "pg-stop" -> stopPostgres();
				case "pg-start" -> startPostgres(this.port);
				case "s3-fail" -> this.s3Failing.set(true);
				case "s3-heal" -> {
					this.s3Failing.set(false);
					this.s3LatencyMillis.set(0);
				}
				case "" -> {
					continue;
				}
				default -> {
					System.out.println("unknown " + command);
					System.out.flush();
					continue;
				}
			}
			System.out.println("ok " + command);
			System.out.flush();
		}
	}

	private void startPostgres(int fixedPort) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(this.pgData)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(true)
			.setOutputRedirector(Redirect.appendTo(this.log.toFile()))
			.setErrorRedirector(Redirect.appendTo(this.log.toFile()));
		if (fixedPort > 0) {
			builder.setPort(fixedPort);
		}
		this.postgres = builder.start();
		this.port = this.postgres.getPort();
	}

	private void stopPostgres() throws IOException {
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
	}

	private void createDatabase(String name) throws SQLException {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
	}

}
