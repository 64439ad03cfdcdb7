package dev.trainyard.api;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * Who asked for a launch, restart or stop.
 */
final class Actors {

	static final String ANONYMOUS = "anonymous";

	private Actors() {
	}

	/**
	 * The authenticated principal's name, or {@value #ANONYMOUS} without one.
	 */
	static String of(@Nullable Principal principal) {
		return (principal != null && principal.getName() != null) ? principal.getName() : ANONYMOUS;
	}

}
