package dev.trainyard.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The one place that decides whether an error is transient (worth retrying), bad input or
 * fatal, for every retry in Trainyard. Looks at the whole cause chain: the first cause
 * that is recognised decides.
 * <ul>
 * <li>an exception that is {@link Classified} says so itself;</li>
 * <li>I/O: every {@link IOException} (the S3 store reports an unreachable endpoint, 5xx
 * and throttling after the SDK's own retries as one, and refused access as a
 * {@code BlobStoreAccessException}, which is fatal);</li>
 * <li>the AWS SDK: its own retryable classification ({@link SdkException#retryable()});
 * </li>
 * <li>JDBC: {@link SQLTransientException}, {@link SQLRecoverableException}, connection
 * failures (SQL state class {@code 08}), serialization failures and deadlocks
 * ({@code 40001}, {@code 40P01}); Spring's transient, recoverable and resource-failure
 * data access exceptions, and a transaction that could not begin;</li>
 * <li>HTTP: no answer at all, or an answer 408, 425, 429 or 5xx;</li>
 * <li>a circuit breaker that is open (transient, but not worth retrying in place: see
 * {@link #isRetryableNow}).</li>
 * </ul>
 * Everything else — bad data, bad parameters, a failed gate, programming errors — is
 * never retried.
 */
public final class Failures {

	private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03",
			"53300", "HYT00");

	private static final Set<Integer> TRANSIENT_HTTP_STATUSES = Set.of(408, 425, 429);

	private Failures() {
	}

	public static FailureKind classify(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			FailureKind kind = own(cause);
			if (kind != null) {
				return kind;
			}
		}
		return FailureKind.FATAL;
	}

	public static boolean isTransient(Throwable failure) {
		return classify(failure) == FailureKind.TRANSIENT;
	}

	/**
	 * Whether an action that failed so is worth trying again in place, after the usual
	 * short backoff: it is transient and nothing in it asks to wait longer (an open
	 * circuit breaker, Resilience4j's {@link CallNotPermittedException} or a
	 * {@link Classified} failure with a {@link Classified#waitBeforeRetry()}). A failure
	 * that is transient but not retryable now is left to a later, run-level restart.
	 */
	public static boolean isRetryableNow(Throwable failure) {
		return isTransient(failure) && waitBeforeRetry(failure).isZero() && !isOpenCircuit(failure);
	}

	/**
	 * The least a failure asks to wait before it is tried again (see
	 * {@link Classified#waitBeforeRetry()}), or zero.
	 */
	public static Duration waitBeforeRetry(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			if (cause instanceof Classified classified && classified.waitBeforeRetry() != null) {
				return classified.waitBeforeRetry();
			}
		}
		return Duration.ZERO;
	}

	private static boolean isOpenCircuit(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			if (cause instanceof CallNotPermittedException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an HTTP status is worth asking again for later.
	 */
	public static boolean isTransientStatus(int status) {
		return status >= 500 || TRANSIENT_HTTP_STATUSES.contains(status);
	}

	private static FailureKind own(Throwable cause) {
		if (cause instanceof Classified classified) {
			return classified.failureKind();
		}
		if (cause instanceof CallNotPermittedException) {
			return FailureKind.TRANSIENT;
		}
		if (cause instanceof IOException || cause instanceof UncheckedIOException
				|| cause instanceof ResourceAccessException) {
			return FailureKind.TRANSIENT;
		}
		if (cause instanceof RestClientResponseException response) {
			return isTransientStatus(response.getStatusCode().value()) ? FailureKind.TRANSIENT : FailureKind.FATAL;
		}
		if (cause instanceof SdkException sdk) {
			return sdk.retryable() ? FailureKind.TRANSIENT : FailureKind.FATAL;
		}
		if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
				|| cause instanceof DataAccessResourceFailureException
				|| cause instanceof CannotCreateTransactionException) {
			return FailureKind.TRANSIENT;
		}
		if (cause instanceof SQLException sql) {
			return isTransient(sql) ? FailureKind.TRANSIENT : null;
		}
		return null;
	}

	private static boolean isTransient(SQLException sql) {
		if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
			return true;
		}
		String state = sql.getSQLState();
		return state != null && (state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state));
	}

}
