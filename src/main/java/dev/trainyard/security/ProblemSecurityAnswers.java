package dev.trainyard.security;

import java.io.IOException;
import java.security.Principal;

import dev.trainyard.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The security filters' answers, as problem details: a request without valid credentials
 * gets {@code 401}, a Basic challenge and type {@code unauthorized}; an authenticated
 * request that the user's roles do not allow gets {@code 403} and type {@code forbidden}.
 */
class ProblemSecurityAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "trainyard";

	private final ProblemResponses problems;

	ProblemSecurityAnswers(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String detail = (authException instanceof InsufficientAuthenticationException)
				? "This resource needs authentication: send HTTP Basic credentials"
				: "The credentials were not accepted";
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		this.problems.write(response, HttpStatus.UNAUTHORIZED.value(), "unauthorized", detail, request.getRequestURI());
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
