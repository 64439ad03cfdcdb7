package dev.trainyard.incident.delivery;

import java.time.Duration;

/**
 * What one delivery attempt came to.
 *
 * @param retryAfter for a transient failure, how long the receiver asked to wait
 * ({@code Retry-After}), or {@code null}
 */
record DeliveryResult(Kind kind, Duration retryAfter, String error) {

	enum Kind {

		/** The receiver took it. */
		DELIVERED,
		/** Try again later: the receiver is down, slow, overloaded or failing. */
		TRANSIENT,
		/**
		 * The receiver refused this notice for good (a 4xx other than 408, 425 and 429),
		 * or it could not be sent at all.
		 */
		FATAL

	}

	static final DeliveryResult DELIVERED = new DeliveryResult(Kind.DELIVERED, null, null);

}
