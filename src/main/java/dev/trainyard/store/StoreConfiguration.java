package dev.trainyard.store;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
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
 * {@code trainyard.store.s3.bucket} is set (then {@code store.s3} provides the store);
 * either behind the {@link StoreCircuitBreaker}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

	@Bean
	StoreCircuitBreaker storeCircuitBreaker(StoreProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
		return new StoreCircuitBreaker(properties.circuitBreaker(), meterRegistry.getIfAvailable());
	}

	@Bean
	@Conditional(NoS3BucketSet.class)
	@ConditionalOnMissingBean(BlobStore.class)
	BlobStore fileBlobStore(StoreProperties properties, StoreCircuitBreaker storeCircuitBreaker) {
		return storeCircuitBreaker.guard(new FileBlobStore(properties.root()));
	}

	static class NoS3BucketSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("trainyard.store.s3.bucket"));
		}

	}

}
