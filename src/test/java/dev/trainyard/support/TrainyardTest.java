package dev.trainyard.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.FileBlobStore;
import dev.trainyard.store.StoreCircuitBreaker;
import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.AliasFor;
import org.springframework.core.env.Environment;

/**
 * A whole Trainyard in a context of the test class's own: by default without a web
 * server, running runs on the calling thread; with {@code webEnvironment = RANDOM_PORT}
 * the server, runs on their own threads. Its data and jobs dirs are fresh folders of the
 * class ({@link TestDirs}); on an {@link OnEveryBackend} suite its database and store are
 * fresh ones of the current {@link Backend} (else H2 and files, unless the class
 * registers others, such as {@link EmbeddedPostgresDatabases#register}). A
 * {@link FaultyBlobStore} wraps the configured store, behind the store's circuit breaker,
 * and is healed after each test. See {@code TrainyardTestCustomizerFactory}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@ExtendWith(FaultyBlobStore.HealAfterEach.class)
@Import(TrainyardTest.Stores.class)
public @interface TrainyardTest {

	/** Whether (and how) the server runs. */
	@AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
	SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.NONE;

	/** Settings of the test class, as {@code name=value}. */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

	@TestConfiguration(proxyBeanMethods = false)
	class Stores {

		@Bean
		FaultyBlobStore faultyBlobStore(Environment environment, S3Connection s3) {
			return new FaultyBlobStore(s3.settings().configured() ? new S3BlobStore(s3)
					: new FileBlobStore(Path.of(environment.getRequiredProperty("trainyard.store.root"))));
		}

		@Bean
		@Primary
		BlobStore guardedFaultyBlobStore(FaultyBlobStore faultyBlobStore, StoreCircuitBreaker storeCircuitBreaker) {
			return storeCircuitBreaker.guard(faultyBlobStore);
		}

	}

}
