package dev.trainyard.security;

import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trainyard.security.protect-metrics=true}: the Prometheus metrics need a viewer,
 * health stays open.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.security.protect-metrics=true", "trainyard.security.users[0].name=vera",
				"trainyard.security.users[0].password=vera-secret", "trainyard.security.users[0].roles=VIEWER" })
@DirtiesContext
class ProtectedMetricsTests {

	@LocalServerPort
	private int port;

	@Test
	void prometheusNeedsAViewer() {
		assertThat(status(client(), "/actuator/prometheus")).isEqualTo(HttpStatus.UNAUTHORIZED);
		RestClient vera = client().mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth("vera", "vera-secret"))
			.build();
		assertThat(status(vera, "/actuator/prometheus")).isEqualTo(HttpStatus.OK);
	}

	@Test
	void healthStaysOpen() {
		assertThat(status(client(), "/actuator/health")).isEqualTo(HttpStatus.OK);
		assertThat(status(client(), "/actuator/health/liveness")).isNotIn(HttpStatus.UNAUTHORIZED,
				HttpStatus.FORBIDDEN);
	}

	private static HttpStatusCode status(RestClient client, String path) {
		return client.get().uri(path).retrieve().toBodilessEntity().getStatusCode();
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

}
