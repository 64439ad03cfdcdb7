package dev.trainyard.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the RFC 9457 problem details of the security filters, which answer before Spring
 * MVC (and its exception handler) sees the request.
 */
class ProblemResponses {

	static final String TYPE_BASE = "https://trainyard.dev/problems/";

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", TYPE_BASE + type);
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
