package dev.trainyard.store;

import dev.trainyard.store.s3.S3BlobStore;
import dev.trainyard.store.s3.S3Connection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The store: an S3 bucket when {@code trainyard.store.s3.bucket} is set, else local files
 * under the data dir. The S3 connection exists either way (its clients are made on first
 * use), so that {@code s3://} datasets can be read with the file store too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

	@Bean(destroyMethod = "close")
	S3Connection s3Connection(StoreProperties properties) {
		return new S3Connection(properties.s3());
	}

	@Bean
	@Conditional(S3BucketSet.class)
	@ConditionalOnMissingBean(BlobStore.class)
	S3BlobStore s3BlobStore(S3Connection connection) {
		return new S3BlobStore(connection);
	}

	@Bean
	@Conditional(NoS3BucketSet.class)
	@ConditionalOnMissingBean(BlobStore.class)
	FileBlobStore fileBlobStore(StoreProperties properties) {
		return new FileBlobStore(properties.root());
	}

	static class S3BucketSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("trainyard.store.s3.bucket"));
		}

	}

	static class NoS3BucketSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("trainyard.store.s3.bucket"));
		}

	}

}
