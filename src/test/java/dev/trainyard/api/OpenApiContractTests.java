package dev.trainyard.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document holds every operation of CONTRACT §4, so the contract
 * cannot drift silently. Path variable names may differ; {@code {…}} segments are
 * compared as one.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OpenApiContractTests {

	/** Every operation of CONTRACT §4. */
	static final List<String> CONTRACT = List.of("GET /api/pipelines", "GET /api/pipelines/{name}",
			"POST /api/pipelines/{name}/runs", "GET /api/runs", "GET /api/runs/{runId}",
			"POST /api/runs/{runId}/restart", "POST /api/runs/{runId}/stop", "GET /api/models/{pipeline}/versions",
			"POST /api/models/{pipeline}/versions/{v}/approve", "POST /api/models/{pipeline}/versions/{v}/reject",
			"POST /api/models/{pipeline}/rollback", "GET /api/models/{pipeline}/history", "GET /api/slo",
			"GET /api/incidents", "POST /api/incidents/{id}/acknowledge", "POST /api/incidents/{id}/resolve",
			"GET /api/incidents/{id}", "POST /api/incidents/{id}/mitigate", "GET /api/incidents/{id}/review");

	/**
	 * The operations of {@link #CONTRACT} that are not built yet: reported, not failed
	 * on. Take each out as it is built ({@link #notYetBuiltOperationsAreReallyMissing}
	 * fails until then).
	 */
	static final Set<String> NOT_YET_BUILT = Set.of();

	private static final Logger log = LoggerFactory.getLogger(OpenApiContractTests.class);

	@LocalServerPort
	private int port;

	@Test
	void servesEveryBuiltOperationOfTheContract(TestReporter reporter) {
		Set<String> served = servedOperations();
		List<String> pending = new ArrayList<>();
		for (String operation : CONTRACT) {
			if (NOT_YET_BUILT.contains(operation)) {
				pending.add(operation);
			}
			else {
				assertThat(served).as("operations in /v3/api-docs").contains(normalized(operation));
			}
		}
		if (!pending.isEmpty()) {
			reporter.publishEntry("NOT_YET_BUILT (pending, not checked)", String.join(", ", pending));
			log.warn("CONTRACT §4 operations not built yet (pending, not checked): {}", pending);
		}
	}

	@Test
	void notYetBuiltOperationsAreReallyMissing() {
		Set<String> served = servedOperations();
		List<String> built = NOT_YET_BUILT.stream()
			.filter((operation) -> served.contains(normalized(operation)))
			.toList();
		assertThat(built).as("operations that are built now: take them out of NOT_YET_BUILT").isEmpty();
		assertThat(CONTRACT).containsAll(NOT_YET_BUILT);
	}

	@Test
	void describesTheApiAndItsHttpBasicSecurity() {
		JsonNode document = apiDocs();
		assertThat(document.get("info").get("title").asString()).isEqualTo("Trainyard");
		assertThat(document.get("info").get("version").asString()).isNotBlank();
		JsonNode scheme = document.get("components").get("securitySchemes").get("basicAuth");
		assertThat(scheme.get("type").asString()).isEqualTo("http");
		assertThat(scheme.get("scheme").asString()).isEqualTo("basic");
		assertThat(document.get("security").get(0).has("basicAuth")).isTrue();
	}

	private Set<String> servedOperations() {
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : apiDocs().get("paths").properties()) {
			for (String method : path.getValue().propertyNames()) {
				operations.add(normalized(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
			}
		}
		return operations;
	}

	private JsonNode apiDocs() {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(JsonNode.class);
	}

	private static String normalized(String operation) {
		return operation.replaceAll("\\{[^/}]+}", "{}");
	}

}
