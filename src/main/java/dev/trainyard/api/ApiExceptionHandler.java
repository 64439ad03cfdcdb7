package dev.trainyard.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trainyard.dataset.InvalidDatasetException;
import dev.trainyard.failure.Failures;
import dev.trainyard.incident.IncidentNotFoundException;
import dev.trainyard.incident.IncidentStateException;
import dev.trainyard.pipeline.InvalidPipelineException;
import dev.trainyard.pipeline.PipelineNotFoundException;
import dev.trainyard.pipeline.PipelineProblem;
import dev.trainyard.promotion.FourEyesException;
import dev.trainyard.registry.ArtifactUnavailableException;
import dev.trainyard.registry.ModelVersionNotFoundException;
import dev.trainyard.registry.VersionStateException;
import dev.trainyard.run.RunConflictException;
import dev.trainyard.run.RunNotFoundException;
import dev.trainyard.run.RunQueueFullException;
import dev.trainyard.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the API into an RFC 9457 problem detail with a stable
 * {@code type}: Trainyard's own exceptions and Spring MVC's. An error that
 * {@link Failures} calls transient (the database or the store unreachable) is a
 * {@code 503} with {@code Retry-After}; anything else unexpected a {@code 500}. Never
 * puts a stack trace in a response.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final String TYPE_BASE = ProblemResponses.TYPE_BASE;

	/** What a {@code 503} asks the client to wait before trying again. */
	static final int RETRY_AFTER_SECONDS = 5;

	/** What a {@code 429} (the run queue is full) asks the client to wait. */
	static final int QUEUE_RETRY_AFTER_SECONDS = 30;

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/**
	 * The exceptions, of Trainyard's own and one of Java's, whose message is all their
	 * problem needs to say, with its status, type and title.
	 */
	private static final Map<Class<?>, Kind> KNOWN = Map.ofEntries(
			known(RunNotFoundException.class, HttpStatus.NOT_FOUND, "run-not-found", "Run not found"),
			known(RunConflictException.class, HttpStatus.CONFLICT, "run-conflict", "Run state conflict"),
			known(ModelVersionNotFoundException.class, HttpStatus.NOT_FOUND, "version-not-found",
					"Model version not found"),
			known(ArtifactUnavailableException.class, HttpStatus.CONFLICT, "artifact-unavailable",
					"Model artifact unavailable"),
			known(IncidentNotFoundException.class, HttpStatus.NOT_FOUND, "incident-not-found", "Incident not found"),
			known(FourEyesException.class, HttpStatus.FORBIDDEN, "four-eyes", "A different approver is required"),
			known(IllegalArgumentException.class, HttpStatus.BAD_REQUEST, "bad-request", "Bad request"));

	@ExceptionHandler(PipelineNotFoundException.class)
	ResponseEntity<Object> pipelineNotFound(PipelineNotFoundException ex, WebRequest request) {
		return problem(ex, HttpStatus.NOT_FOUND, "pipeline-not-found", "Pipeline not found",
				"There is no pipeline named '" + ex.name() + "'", Map.of("pipeline", String.valueOf(ex.name())),
				request);
	}

	@ExceptionHandler(RunQueueFullException.class)
	ResponseEntity<Object> queueFull(RunQueueFullException ex, WebRequest request) {
		return problem(ex, HttpStatus.TOO_MANY_REQUESTS, "run-queue-full", "Run queue full", ex.getMessage(),
				Map.of("queued", ex.queued()), retryAfter(QUEUE_RETRY_AFTER_SECONDS), request);
	}

	@ExceptionHandler(InvalidPipelineException.class)
	ResponseEntity<Object> invalidPipeline(InvalidPipelineException ex, WebRequest request) {
		List<Problem> problems = ex.problems().stream().map(Problem::of).toList();
		String detail = (problems.size() == 1) ? "The pipeline file has a problem: " + ex.problems().get(0)
				: "The pipeline file has " + problems.size() + " problems";
		return problem(ex, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-pipeline", "Invalid pipeline", detail,
				Map.of("problems", problems), request);
	}

	@ExceptionHandler(InvalidDatasetException.class)
	ResponseEntity<Object> invalidDataset(InvalidDatasetException ex, WebRequest request) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("file", String.valueOf(ex.file()));
		if (ex.line() != null) {
			properties.put("line", ex.line());
		}
		return problem(ex, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-dataset", "Invalid dataset", ex.getMessage(),
				properties, request);
	}

	@ExceptionHandler(VersionStateException.class)
	ResponseEntity<Object> versionState(VersionStateException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, "version-state-conflict", "Model version state conflict",
				ex.getMessage(), (ex.state() != null) ? Map.of("state", ex.state().name()) : Map.of(), request);
	}

	@ExceptionHandler(IncidentStateException.class)
	ResponseEntity<Object> incidentState(IncidentStateException ex, WebRequest request) {
		return problem(ex, HttpStatus.CONFLICT, "incident-state-conflict", "Incident state conflict", ex.getMessage(),
				Map.of("incidentStatus", ex.status().name()), request);
	}

	/**
	 * The {@link #KNOWN} exceptions (their subclasses too); else a transient failure is a
	 * {@code 503}, anything else a {@code 500}.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> other(Exception ex, WebRequest request) {
		for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
			Kind kind = KNOWN.get(type);
			if (kind != null) {
				return problem(ex, kind.status(), kind.type(), kind.title(), ex.getMessage(), Map.of(), request);
			}
		}
		if (Failures.isTransient(ex)) {
			log.warn("Could not answer {} for now: {}", path(request), ex.toString());
			return problem(ex, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					"A service Trainyard depends on (its database or its store) is unavailable right now; try again"
							+ " shortly",
					Map.of(), retryAfter(RETRY_AFTER_SECONDS), request);
		}
		log.error("Unexpected error answering {}", path(request), ex);
		return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error",
				"The server could not answer the request; the error is in its log", Map.of(), request);
	}

	/**
	 * Gives Spring MVC's own problem details a Trainyard {@code type} and an
	 * {@code instance} too.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		Object problem = body;
		if (problem == null && ex instanceof ErrorResponse error) {
			problem = error.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		if (problem instanceof ProblemDetail detail) {
			complete(detail, statusCode, request);
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String type, String title,
			@Nullable String detail, Map<String, Object> properties, WebRequest request) {
		return problem(ex, status, type, title, detail, properties, new HttpHeaders(), request);
	}

	private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String type, String title,
			@Nullable String detail, Map<String, Object> properties, HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, (detail != null) ? detail : title);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		properties.forEach(problem::setProperty);
		ResponseEntity<Object> response = handleExceptionInternal(ex, problem, headers, status, request);
		return (response != null) ? response : ResponseEntity.status(status).build();
	}

	private static HttpHeaders retryAfter(int seconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		return headers;
	}

	private static void complete(ProblemDetail problem, HttpStatusCode status, WebRequest request) {
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(URI.create(TYPE_BASE + ProblemResponses.slug(status.value())));
		}
		if (problem.getInstance() == null) {
			String path = path(request);
			if (path != null) {
				problem.setInstance(URI.create(path));
			}
		}
	}

	private static @Nullable String path(WebRequest request) {
		if (request instanceof ServletWebRequest servlet) {
			HttpServletRequest http = servlet.getRequest();
			return http.getRequestURI();
		}
		return null;
	}

	private static Map.Entry<Class<?>, Kind> known(Class<? extends Exception> exception, HttpStatus status, String type,
			String title) {
		return Map.entry(exception, new Kind(status, type, title));
	}

	/** The status, type and title of a kind of problem. */
	private record Kind(HttpStatus status, String type, String title) {

	}

	/**
	 * One problem of a pipeline file, as the {@code problems} property lists it.
	 */
	record Problem(String file, @Nullable Integer line, @Nullable String field, String message) {

		static Problem of(PipelineProblem problem) {
			return new Problem(String.valueOf(problem.file()), problem.line(), problem.field(), problem.message());
		}

	}

}
