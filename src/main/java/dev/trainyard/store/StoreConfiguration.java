package dev.trainyard.store;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default store: local files under the data dir.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(BlobStore.class)
	FileBlobStore fileBlobStore(StoreProperties properties) {
		return new FileBlobStore(properties.root());
	}

}
