package dev.trainyard.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, which Spring Boot registers for
 * every error no exception handler answered: an error a filter sent, a request that
 * matched no handler): a problem detail instead of Spring Boot's default JSON or HTML.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:/error}")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		int status = status(request);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String instance = (uri != null) ? uri.toString() : request.getRequestURI();
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemResponses.body(status, ProblemResponses.slug(status), detail(request, status, instance),
					instance));
	}

	private static int status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (code instanceof Integer value && value >= 400) ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
	}

	private static String detail(HttpServletRequest request, int status, String instance) {
		if (status == HttpStatus.NOT_FOUND.value()) {
			return "There is nothing at " + instance;
		}
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		if (status < 500 && message != null && !message.toString().isBlank()) {
			return "The request was refused: " + message;
		}
		return (status < 500) ? "The request was refused" : "The server could not answer the request";
	}

}
