package dev.trainyard.store;

import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;
import dev.trainyard.store.s3.S3Settings;
import dev.trainyard.store.s3.S3StoreConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which store Trainyard uses, from its settings.
 */
class StoreConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(StoreConfiguration.class, S3StoreConfiguration.class)
		.withPropertyValues("trainyard.store.root=build/store");

	@Test
	void usesLocalFilesWithoutAnS3Bucket() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BlobStore.class);
			assertThat(context.getBean(BlobStore.class)).isInstanceOf(CircuitBreakingBlobStore.class)
				.extracting((store) -> ((CircuitBreakingBlobStore) store).store())
				.isInstanceOf(FileBlobStore.class);
			assertThat(context).hasSingleBean(S3Connection.class);
		});
	}

	@Test
	void usesS3WhenABucketIsSet() {
		this.contextRunner
			.withPropertyValues("trainyard.store.s3.bucket=ml-artifacts", "trainyard.store.s3.prefix=/trainyard/",
					"trainyard.store.s3.endpoint=http://localhost:4566", "trainyard.store.s3.path-style-access=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(BlobStore.class);
				assertThat(context.getBean(BlobStore.class)).isInstanceOf(CircuitBreakingBlobStore.class)
					.extracting((store) -> ((CircuitBreakingBlobStore) store).store())
					.isInstanceOf(S3BlobStore.class);
				assertThat(context.getBean(BlobStore.class).location("models/iris/1/model.ubj"))
					.isEqualTo("s3://ml-artifacts/trainyard/models/iris/1/model.ubj");
				S3Settings s3 = context.getBean(S3Settings.class);
				assertThat(s3.pathStyleAccess()).isTrue();
				assertThat(s3.partSize().toMegabytes()).isEqualTo(8);
				assertThat(s3.maxAttempts()).isEqualTo(3);
			});
	}

	@Test
	void rejectsAnInvalidBucketName() {
		this.contextRunner.withPropertyValues("trainyard.store.s3.bucket=Not_A_Bucket")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("trainyard.store.s3.bucket"));
	}

	@Test
	void rejectsAPartSizeBelowS3sMinimum() {
		this.contextRunner
			.withPropertyValues("trainyard.store.s3.bucket=ml-artifacts", "trainyard.store.s3.part-size=1MB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("part-size must be at least 5MB"));
	}

}
