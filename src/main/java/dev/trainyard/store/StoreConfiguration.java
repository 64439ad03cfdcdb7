package dev.trainyard.store;

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
 * The file store, under {@code trainyard.store.root}, unless
 * {@code trainyard.store.s3.bucket} is set (then {@code store.s3} provides the store).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

	@Bean
	@Conditional(NoS3BucketSet.class)
	@ConditionalOnMissingBean(BlobStore.class)
	FileBlobStore fileBlobStore(StoreProperties properties) {
		return new FileBlobStore(properties.root());
	}

	static class NoS3BucketSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("trainyard.store.s3.bucket"));
		}

	}

}
