package dev.trainyard.support;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * HTTP calls to a test server as one user, answering every status (no exception for a
 * 4xx).
 */
public final class ApiClient {

	private final RestClient client;

	public ApiClient(int port, String user, String password) {
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeaders((headers) -> headers.setBasicAuth(user, password))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	public ResponseEntity<String> get(String uri) {
		return this.client.get().uri(uri).retrieve().toEntity(String.class);
	}

	public ResponseEntity<String> post(String uri, String json) {
		RestClient.RequestBodySpec request = this.client.post().uri(uri);
		if (json != null) {
			request.header("Content-Type", "application/json").body(json);
		}
		return request.retrieve().toEntity(String.class);
	}

}
