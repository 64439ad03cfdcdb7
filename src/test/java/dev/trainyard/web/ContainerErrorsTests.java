package dev.trainyard.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers that no controller gives — Tomcat's own, Spring Security's firewall's, the
 * servlet container's error page — are problem details too, with no stack trace and no
 * server version.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "trainyard.security.users[0].name=olivia",
		"trainyard.security.users[0].password={noop}o", "trainyard.security.users[0].roles=OPERATOR" })
class ContainerErrorsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@CsvSource({ "POST, /api/pipelines/..%2F..%2Fetc/runs, 400, bad-request",
			"POST, /api/pipelines/%2e%2e/runs, 400, bad-request", "GET, /api/runs/a%2e%2e/b, 400, bad-request",
			"GET, /api/runs;jsessionid=x, 400, bad-request", "GET, /api/runs/a%5Cb, 400, bad-request",
			"GET, /nothing-here.html, 404, not-found", "POST, /api/pipelines/x/runs/%zz, 400, bad-request",
			"GET, /error, 500, internal-server-error" })
	void answersWithAProblemDetail(String method, String path, int status, String type) throws IOException {
		Answer response = send(method, path);
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(MediaType.parseMediaType(response.headers().get("content-type"))
			.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemResponses.TYPE_BASE + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Tomcat", "Exception", "\tat ", "<html");
	}

	/**
	 * Sends the request line as it is (an HTTP client would refuse or normalize some of
	 * these paths) and reads the answer until the server closes the connection.
	 */
	private Answer send(String method, String path) throws IOException {
		String credentials = Base64.getEncoder().encodeToString("olivia:o".getBytes(StandardCharsets.UTF_8));
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.0\r\nHost: localhost\r\nAuthorization: Basic " + credentials
					+ "\r\nContent-Length: 0\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = raw.indexOf("\r\n\r\n");
			String[] head = raw.substring(0, end).split("\r\n");
			Map<String, String> headers = new HashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).trim());
			}
			return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4));
		}
	}

	private record Answer(int status, Map<String, String> headers, String body) {
	}

}
