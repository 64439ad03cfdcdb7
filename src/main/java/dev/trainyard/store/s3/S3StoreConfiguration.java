package dev.trainyard.store.s3;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.StoreCircuitBreaker;

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
 * The S3 store when {@code trainyard.store.s3.bucket} is set, behind the store's circuit
 * breaker. The S3 connection exists either way (its clients are made on first use), so
 * that {@code s3://} datasets can be read with the file store too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Settings.class)
public class S3StoreConfiguration {

	@Bean(destroyMethod = "close")
	S3Connection s3Connection(S3Settings settings) {
		return new S3Connection(settings);
	}

	@Bean
	@Conditional(S3BucketSet.class)
	@ConditionalOnMissingBean(BlobStore.class)
	BlobStore s3BlobStore(S3Connection connection, StoreCircuitBreaker storeCircuitBreaker) {
		return storeCircuitBreaker.guard(new S3BlobStore(connection));
	}

	static class S3BucketSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("trainyard.store.s3.bucket"));
		}

	}

}
