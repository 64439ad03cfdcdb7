package dev.trainyard.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /} is served to signed-in users; the browser asks for the
 * credentials.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "trainyard.security.users[0].name=vera",
		"trainyard.security.users[0].password={noop}v", "trainyard.security.users[0].roles=VIEWER" })
class DashboardTests {

	@LocalServerPort
	int port;

	@Test
	void dashboardAndItsScriptAreServedToSignedInUsers() {
		assertThat(get("/", "vera:v").getBody()).contains("<title>Trainyard</title>").contains("app.js");
		assertThat(get("/app.js", "vera:v").getBody()).contains("/api/pipelines", "/api/incidents?status=open",
				"data-acknowledge", "data-resolve", "b.remaining");
	}

	@Test
	void browserIsAskedForCredentials() {
		ResponseEntity<String> anonymous = get("/", null);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
	}

	private ResponseEntity<String> get(String path, String credentials) {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + this.port);
		if (credentials != null) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return builder.build().get().uri(path).retrieve().onStatus((status) -> true, (req, res) -> {
		}).toEntity(String.class);
	}

}
