package dev.trainyard.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.trainyard.failure.FailureKind;
import dev.trainyard.pipeline.PipelineDefinition.RetrySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Run-level restarts: a run whose execution still failed transiently after the in-step
 * retries is restarted from its last checkpoint, up to {@code retry.max-run-restarts}
 * times, after a backoff that doubles from {@code retry.backoff} up to
 * {@code retry.max-backoff}, with a jitter of a quarter either way, and at least as long
 * as the failure asked (an open circuit breaker's wait). A run whose owner died is
 * restarted at once, the same way (it counts too). Nothing restarts without bound.
 */
@Component
class RunRestarts {

	private static final Logger log = LoggerFactory.getLogger(RunRestarts.class);

	private final RunRepository runs;

	private final Clock clock;

	RunRestarts(RunRepository runs, Clock clock) {
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * Schedules the next run-level restart of a run that just failed, when it failed
	 * transiently and has restarts left.
	 * @param atLeast the least wait the failure asked for (an open circuit breaker's),
	 * instead of the backoff when it is longer; {@code null} when the restart is due at
	 * once (its owner died)
	 * @return when it is due, or {@code null} when none is scheduled
	 */
	Instant scheduleAfterFailure(RunRecord run, FailureKind kind, RetrySpec retry, Duration atLeast) {
		if (kind != FailureKind.TRANSIENT || run.restarts() >= retry.maxRunRestarts()) {
			return null;
		}
		Duration wait = (atLeast != null) ? max(backoff(retry, run.restarts()), atLeast) : Duration.ZERO;
		Instant at = this.clock.instant().plus(wait);
		this.runs.nextAttempt(run.runId(), at);
		log.info("Run {} of {} failed transiently; run-level restart {} of {} at {}", run.runId(), run.pipeline(),
				run.restarts() + 1, retry.maxRunRestarts(), at);
		return at;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	static Duration backoff(RetrySpec retry, int restartsDone) {
		long base = retry.backoff().toMillis();
		long doubled = (restartsDone >= 30) ? Long.MAX_VALUE : base << restartsDone;
		long capped = Math.min(Math.max(doubled, base), retry.maxBackoff().toMillis());
		long jitter = capped / 4;
		long delay = capped + ((jitter > 0) ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
		return Duration.ofMillis(Math.max(0, delay));
	}

}
