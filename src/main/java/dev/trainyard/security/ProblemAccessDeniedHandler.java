package dev.trainyard.security;

import java.io.IOException;
import java.security.Principal;

import dev.trainyard.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an authenticated request that the user's roles do not allow with {@code 403}
 * and a problem detail of type {@code forbidden}.
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ProblemResponses problems;

	ProblemAccessDeniedHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Principal user = request.getUserPrincipal();
		String who = (user != null) ? "User '" + user.getName() + "'" : "This user";
		this.problems.write(response, HttpStatus.FORBIDDEN.value(), "forbidden",
				who + " has no role that allows " + request.getMethod() + " " + request.getRequestURI(),
				request.getRequestURI());
	}

}
