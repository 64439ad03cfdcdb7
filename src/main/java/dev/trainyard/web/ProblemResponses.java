package dev.trainyard.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) for the answers that
 * Spring MVC's exception handler never sees: the security filters', the servlet
 * container's error page and Tomcat's own.
 */
public class ProblemResponses {

	/** Where every problem {@code type} of Trainyard lives. */
	public static final String TYPE_BASE = "https://trainyard.dev/problems/";

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Sets the status and content type and writes the problem.
	 * @param instance the path the problem is about (the request's URI)
	 */
	public void write(HttpServletResponse response, int status, String type, String detail, String instance)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), body(status, type, detail, instance));
	}

	/**
	 * The problem's fields: {@code type}, {@code title} (the status's reason phrase),
	 * {@code status}, {@code detail}, {@code instance}.
	 */
	public static Map<String, Object> body(int status, String type, String detail, String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", TYPE_BASE + type);
		problem.put("title", title(status));
		problem.put("status", status);
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return problem;
	}

	/**
	 * The problem type of a plain status: its reason phrase in lower case with dashes,
	 * such as {@code bad-request} or {@code method-not-allowed}.
	 */
	public static String slug(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
				: "http-" + status;
	}

	private static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status;
	}

}
