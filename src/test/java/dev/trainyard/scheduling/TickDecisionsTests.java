package dev.trainyard.scheduling;

import java.time.Duration;
import java.time.Instant;

import dev.trainyard.run.RunStatus;
import dev.trainyard.run.Runs;
import dev.trainyard.scheduling.TickDecisions.Decision;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a server decides a tick: once (a tick already decided is left alone), launching a
 * run unless the pipeline is still running, the run queue is full or the file is invalid;
 * each skip recorded with its reason and counted.
 */
@TrainyardTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "trainyard.runs.max-concurrent=1",
		"trainyard.runs.max-queued=0", "trainyard.runs.queue-check-interval=100ms" })
class TickDecisionsTests {

	private static final Instant FIRST = Instant.parse("2026-06-01T03:00:00Z");

	private static final Instant SECOND = FIRST.plus(Duration.ofDays(1));

	@Autowired
	TickDecisions decisions;

	@Autowired
	Runs runs;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void eachTickIsDecidedOnceAndSkippedWhileThePipelineRunsTheQueueIsFullOrTheFileIsInvalid() {
		write("slow",
				TestPipelines.synthetic("slow", "auto", 0.5)
					.replace("rows=2000", "rows=20000")
					.replace("rounds: 40", "rounds: 20000"));
		write("quick", TestPipelines.synthetic("quick", "auto", 0.5));
		write("broken", "name: broken\ntrainer: { rounds: 0 }\n");

		Decision launched = this.decisions.launch("slow", FIRST);
		assertThat(launched.runId()).isNotNull();
		assertThat(this.decisions.launch("slow", FIRST).taken()).as("the same tick again").isTrue();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.runs.find(launched.runId()).orElseThrow().status() == RunStatus.STARTED);

		assertThat(this.decisions.launch("slow", SECOND).skipped()).isEqualTo(TickDecisions.STILL_RUNNING);
		assertThat(this.decisions.launch("quick", SECOND).skipped()).isEqualTo(TickDecisions.QUEUE_FULL);
		assertThat(this.decisions.launch("broken", SECOND).skipped()).isEqualTo(TickDecisions.INVALID_FILE);
		assertThat(this.decisions.launch("slow", SECOND).taken()).isTrue();

		assertThat(skipped("slow", TickDecisions.STILL_RUNNING)).isEqualTo(1);
		assertThat(skipped("quick", TickDecisions.QUEUE_FULL)).isEqualTo(1);
		assertThat(skipped("broken", TickDecisions.INVALID_FILE)).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT COALESCE(RUN_ID, SKIPPED) FROM TY_SCHEDULED_LAUNCH"
				+ " WHERE PIPELINE = 'slow' ORDER BY SCHEDULED_AT", String.class))
			.containsExactly(launched.runId(), TickDecisions.STILL_RUNNING);
		assertThat(this.runs.list("quick", null, 10)).isEmpty();

		this.runs.stop(launched.runId(), "tester");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.runs.find(launched.runId()).orElseThrow().status() == RunStatus.STOPPED);
	}

	private double skipped(String pipeline, String reason) {
		return this.meters.counter("trainyard.schedule.skipped", "pipeline", pipeline, "reason", reason).count();
	}

	private void write(String name, String yaml) {
		TestPipelines.write(TestDirs.jobs(getClass()), name, yaml);
	}

}
