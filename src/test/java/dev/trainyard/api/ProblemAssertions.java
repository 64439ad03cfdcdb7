package dev.trainyard.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that an answer is an RFC 9457 problem detail of the expected kind.
 */
final class ProblemAssertions {

	private ProblemAssertions() {
	}

	static void assertProblem(MvcTestResult result, HttpStatus status, String type, String instance) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ApiExceptionHandler.TYPE_BASE + type);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo(instance);
		assertThat(result).bodyJson().extractingPath("$.title").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
		assertThat(result).bodyText().doesNotContain("\tat ", "Exception:");
	}

}
