package dev.trainyard.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;

import dev.trainyard.store.FileBlobStore;
import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * A whole Trainyard (no web server) on a fresh H2 database and file store (see
 * {@link TestDirs}), running runs on the calling thread, with a {@link FaultyBlobStore}
 * around the configured store. A test class that registers another database (such as
 * {@link EmbeddedPostgresDatabases#register}) or an S3 bucket
 * ({@link S3Buckets#register}) runs on that one instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "trainyard.runs.asynchronous=false", "trainyard.runs.heartbeat-interval=1s" })
@Import(TrainyardTest.Stores.class)
public @interface TrainyardTest {

	@TestConfiguration(proxyBeanMethods = false)
	class Stores {

		@Bean
		@Primary
		FaultyBlobStore faultyBlobStore(Environment environment, S3Connection s3) {
			return new FaultyBlobStore(s3.settings().configured() ? new S3BlobStore(s3)
					: new FileBlobStore(Path.of(environment.getRequiredProperty("trainyard.store.root"))));
		}

	}

}
