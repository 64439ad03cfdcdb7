package dev.trainyard.store;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where blobs go when no S3 bucket is set ({@code trainyard.store.s3.bucket}): local
 * files under {@code root} (defaults to {@code <data-dir>/store}); the store's circuit
 * breaker, whichever store it is.
 */
@Validated
@ConfigurationProperties("trainyard.store")
record StoreProperties(Path root, @Valid @DefaultValue CircuitBreaker circuitBreaker) {

	/**
	 * The store's circuit breaker ({@code store} in
	 * {@code resilience4j_circuitbreaker_state}): it opens when at least
	 * {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls
	 * failed transiently (once {@code minimumNumberOfCalls} were made), fails every call
	 * at once for {@code waitInOpenState}, then lets
	 * {@code permittedCallsInHalfOpenState} trial calls through and closes again when
	 * they succeed. A missing blob, a corrupt one or a refused credential says nothing
	 * about the store's health and does not count.
	 */
	record CircuitBreaker(@DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
			@Positive @DefaultValue("40") int slidingWindowSize, @Positive @DefaultValue("20") int minimumNumberOfCalls,
			@NotNull @DefaultValue("30s") Duration waitInOpenState,
			@Positive @DefaultValue("2") int permittedCallsInHalfOpenState) {
	}

}
