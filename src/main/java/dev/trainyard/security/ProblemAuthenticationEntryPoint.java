package dev.trainyard.security;

import java.io.IOException;

import dev.trainyard.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid credentials with {@code 401}, a Basic challenge and a
 * problem detail of type {@code unauthorized}.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String REALM = "trainyard";

	private final ProblemResponses problems;

	ProblemAuthenticationEntryPoint(ProblemResponses problems) {
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

}
