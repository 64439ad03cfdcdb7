package dev.trainyard.run;

import java.time.Duration;
import java.util.function.Supplier;

import dev.trainyard.failure.Failures;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Runs an action with the pipeline's bounded retries: exponential backoff with jitter,
 * for transient errors only, as {@link Failures} classifies them. Anything else — bad
 * data, a corrupt checkpoint, XGBoost rejecting its input — fails at once, and so does a
 * transient failure that asks to wait longer (an open circuit breaker): the run-level
 * restart waits for it instead of burning the step's attempts.
 */
@Component
class Retries {

	private static final Logger log = LoggerFactory.getLogger(Retries.class);

	private final MeterRegistry meterRegistry;

	Retries(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	<T> T call(PipelineDefinition definition, RunStep step, Supplier<T> action) {
		RetryTemplate template = new RetryTemplate(policy(definition.retry()));
		template.setRetryListener(new CountingListener(retries(definition, step)));
		try {
			return template.execute(new Retryable<T>() {
				@Override
				public T execute() {
					return action.get();
				}

				@Override
				public String getName() {
					return definition.name() + "/" + step;
				}
			});
		}
		catch (RetryException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getMessage(), cause);
		}
	}

	/**
	 * For a retry that cannot be wrapped around one call (a command trainer started again
	 * after an exit 75): counts retry number {@code retry} (1 for the first) like the
	 * others and answers how long to wait before it, with the same backoff and jitter.
	 */
	Duration retrying(PipelineDefinition definition, RunStep step, int retry) {
		retries(definition, step).increment();
		BackOffExecution backOff = policy(definition.retry()).getBackOff().start();
		long delay = 0;
		for (int i = 0; i < retry; i++) {
			delay = backOff.nextBackOff();
		}
		return Duration.ofMillis(Math.max(0, delay));
	}

	private static RetryPolicy policy(RetrySpec retry) {
		return RetryPolicy.builder()
			.maxRetries(retry.maxAttempts() - 1)
			.delay(retry.backoff())
			.multiplier(2.0)
			.maxDelay(retry.maxBackoff())
			.jitter(retry.backoff().dividedBy(4))
			.predicate(Failures::isRetryableNow)
			.build();
	}

	/** {@code trainyard_retries_total{pipeline,step}}. */
	private Counter retries(PipelineDefinition definition, RunStep step) {
		return this.meterRegistry.counter("trainyard.retries", "pipeline", definition.name(), "step", step.stepName());
	}

	private record CountingListener(Counter retries) implements RetryListener {

		@Override
		public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
			this.retries.increment();
		}

		@Override
		public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
			log.warn("{} failed with a transient error, will retry: {}", retryable.getName(), failure.toString());
		}

	}

}
