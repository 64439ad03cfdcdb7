package dev.trainyard.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error page for the requests it answers itself, before any servlet runs (a URI
 * it refuses, such as one with an encoded slash): a problem detail instead of Tomcat's
 * HTML report. Never shows a stack trace or the server's version.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	private final ProblemResponses problems;

	ProblemErrorReportValve(ProblemResponses problems) {
		this.problems = problems;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.resetBuffer();
			this.problems.write(response, status, ProblemResponses.slug(status), detail(response, status),
					request.getDecodedRequestURI());
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("Could not write the problem detail of a {} answered by Tomcat: {}", status, ex.toString());
		}
	}

	private static String detail(Response response, int status) {
		String message = response.getMessage();
		if (status < 500 && message != null && !message.isBlank()) {
			return "The server refused the request: " + message;
		}
		return (status < 500) ? "The server refused the request" : "The server could not answer the request";
	}

}
