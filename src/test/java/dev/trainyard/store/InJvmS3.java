package dev.trainyard.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.FileSystemUtils;

/**
 * S3Proxy in this JVM for one test class ({@code @RegisterExtension static}): started
 * before its first test on a fresh folder with the given buckets, stopped (and its folder
 * deleted) after its last. The stores it hands out during a test are closed after it.
 */
final class InJvmS3 implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final List<String> buckets;

	private final List<S3Connection> connections = new ArrayList<>();

	private Path folder;

	private S3ProxyServer server;

	InJvmS3(String... buckets) {
		this.buckets = List.of(buckets);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.folder = Files.createTempDirectory("s3proxy-");
		this.server = S3ProxyServer.start(this.folder);
		this.buckets.forEach(this.server::createBucket);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.connections.forEach(S3Connection::close);
		this.connections.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		this.server.close();
		FileSystemUtils.deleteRecursively(this.folder);
	}

	S3ProxyServer server() {
		return this.server;
	}

	/** A store on a bucket of this server, for the current test. */
	S3BlobStore store(String bucket, String prefix) {
		S3Connection connection = this.server.connect(bucket, prefix);
		this.connections.add(connection);
		return new S3BlobStore(connection);
	}

	/** Where S3Proxy keeps an object: to damage it behind S3Proxy's back. */
	Path object(String bucket, String prefix, String key) {
		return this.folder.resolve(bucket).resolve(prefix).resolve(key);
	}

}
