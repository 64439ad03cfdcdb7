package dev.trainyard.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.trainyard.support.FaultyBlobStore;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bulkhead: with one slot and a queue of one, a second launch waits {@code QUEUED}, a
 * third is refused with {@code 429}, and stopping the first starts the second.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.runs.max-concurrent=1", "trainyard.runs.max-queued=1",
				"trainyard.scheduling.enabled=false", "trainyard.security.users[0].name=olivia",
				"trainyard.security.users[0].password={noop}o", "trainyard.security.users[0].roles=OPERATOR" })
class RunQueueTests {

	@LocalServerPort
	int port;

	@Autowired
	Runs runs;

	@Test
	void aLaunchBeyondTheSlotsWaitsAndOneBeyondTheQueueIsRefused(@Autowired MeterRegistry meters,
			@Autowired FaultyBlobStore store) {
		TestPipelines.write(TestDirs.jobs(getClass()), "queued", TestPipelines.synthetic("queued", "auto", 0.5));
		FaultyBlobStore.Hold firstTrains = store.holdNextWrite((key) -> key.contains("/000010-"));

		ResponseEntity<JsonNode> first = launch();
		firstTrains.awaitReached();
		ResponseEntity<JsonNode> second = launch();
		ResponseEntity<JsonNode> third = launch();

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(first.getBody().path("status").asString()).isIn("STARTING", "STARTED");
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(second.getBody().path("status").asString()).isEqualTo("QUEUED");
		assertThat(second.getBody().path("queuedAt").isNull()).isFalse();
		assertThat(third.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(third.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(third.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(third.getBody().path("type").asString()).endsWith("/run-queue-full");
		assertThat(meters.get("trainyard.runs.queued").gauge().value()).isEqualTo(1);

		String secondId = second.getBody().path("runId").asString();
		this.runs.stop(first.getBody().path("runId").asString(), "olivia");
		firstTrains.release();

		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.runs.find(secondId).orElseThrow().status() != RunStatus.QUEUED);
		RunView done = await().atMost(Duration.ofMinutes(1))
			.until(() -> this.runs.find(secondId).orElseThrow(), (run) -> run.endedAt() != null && !run.isRunning());
		assertThat(done.outcome()).isEqualTo(Outcome.PROMOTED);
		assertThat(this.runs.find(first.getBody().path("runId").asString()).orElseThrow().status())
			.isEqualTo(RunStatus.STOPPED);
	}

	private ResponseEntity<JsonNode> launch() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString("olivia:o".getBytes(StandardCharsets.UTF_8)))
			.build()
			.post()
			.uri("/api/pipelines/queued/runs")
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(JsonNode.class);
	}

}
