package dev.trainyard.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;

import dev.trainyard.failure.Failures;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The circuit breaker in front of the checkpoint and artifact store, whichever it is
 * (Resilience4j; its state is {@code resilience4j_circuitbreaker_state{name="store"}}).
 * While it is open every store call fails at once with a
 * {@link StoreUnavailableException}, so a run that cannot reach its store waits for its
 * run-level restart instead of spending its attempts. Only transient failures count: a
 * missing or corrupt blob, or a refused credential, says nothing about the store's
 * health.
 */
public final class StoreCircuitBreaker {

	/** Its name in metrics. */
	public static final String NAME = "store";

	private final CircuitBreaker breaker;

	private final Duration waitInOpenState;

	StoreCircuitBreaker(StoreProperties.CircuitBreaker settings, MeterRegistry meterRegistry) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(settings.failureRateThreshold())
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.waitDurationInOpenState(settings.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.recordException(StoreCircuitBreaker::countsAgainstTheStore)
			.build());
		this.breaker = registry.circuitBreaker(NAME);
		this.waitInOpenState = settings.waitInOpenState();
		if (meterRegistry != null) {
			TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
		}
	}

	/** {@code store} behind this breaker. */
	public BlobStore guard(BlobStore store) {
		return new CircuitBreakingBlobStore(store, this);
	}

	/** The breaker's state now: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, … */
	public String state() {
		return this.breaker.getState().name();
	}

	static boolean countsAgainstTheStore(Throwable failure) {
		return !(failure instanceof FileNotFoundException) && Failures.isTransient(failure);
	}

	<T> T call(String operation, StoreCall<T> call) throws IOException {
		try {
			this.breaker.acquirePermission();
		}
		catch (CallNotPermittedException ex) {
			throw new StoreUnavailableException(operation, this.breaker.getMetrics().getFailureRate(),
					this.waitInOpenState, ex);
		}
		long start = this.breaker.getCurrentTimestamp();
		try {
			T result = call.call();
			this.breaker.onSuccess(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit());
			return result;
		}
		catch (IOException | RuntimeException | Error ex) {
			this.breaker.onError(this.breaker.getCurrentTimestamp() - start, this.breaker.getTimestampUnit(), ex);
			throw ex;
		}
	}

	/** A failure met after the call that opened a stream (while reading it). */
	void failedLater(IOException failure) {
		this.breaker.onError(0, this.breaker.getTimestampUnit(), failure);
	}

	@FunctionalInterface
	interface StoreCall<T> {

		T call() throws IOException;

	}

}
