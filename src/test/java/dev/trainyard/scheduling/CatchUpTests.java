package dev.trainyard.scheduling;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ticks missed while no server ran: at its start a server launches the latest of them
 * once ({@code catch-up: latest}, the default) or none ({@code none}), counts the rest as
 * {@code missed}, and a later start finds nothing left to catch up.
 */
class CatchUpTests {

	@Test
	void aServerThatStartsCatchesUpTheLatestMissedTickOnceOrNone() {
		Path root = TestDirs.fresh();
		ZonedDateTime twoHoursAgo = ZonedDateTime.now(ZoneOffset.UTC).minusHours(2);
		Instant latestTick = twoHoursAgo.truncatedTo(ChronoUnit.MINUTES).toInstant();
		String cron = "0 %d %d * * *".formatted(twoHoursAgo.getMinute(), twoHoursAgo.getHour());
		write(root, "catches-up", cron, "latest");
		write(root, "lets-go", cron, "none");

		try (ConfigurableApplicationContext first = server(root, "1h")) {
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			await().atMost(Duration.ofMinutes(1))
				.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM TY_SCHEDULE", Integer.class) == 2);
			// as if the servers had been down for three days: three daily ticks missed
			jdbc.update("UPDATE TY_SCHEDULE SET SINCE = ?", Timestamp.from(Instant.now().minus(Duration.ofDays(3))));
			assertThat(first.getBean(Runs.class).list(null, null, 10)).as("nothing caught up before the delay")
				.isEmpty();
		}

		try (ConfigurableApplicationContext second = server(root, "200ms")) {
			JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
			Runs runs = second.getBean(Runs.class);
			RunView caughtUp = await().atMost(Duration.ofMinutes(2))
				.until(() -> runs.list("catches-up", null, 10), (list) -> list.size() == 1 && !list.get(0).isRunning())
				.get(0);
			assertThat(caughtUp.launchedBy()).isEqualTo(PipelineScheduler.ACTOR);
			await().atMost(Duration.ofMinutes(1)).until(() -> decisions(jdbc, "lets-go").size() == 1);
			assertThat(decisions(jdbc, "catches-up")).containsExactly(Map.entry(latestTick, caughtUp.runId()));
			assertThat(decisions(jdbc, "lets-go")).containsExactly(Map.entry(latestTick, TickDecisions.MISSED));
			assertThat(runs.list("lets-go", null, 10)).isEmpty();
			MeterRegistry meters = second.getBean(MeterRegistry.class);
			assertThat(missed(meters, "catches-up")).as("the two older ticks, folded into the latest").isEqualTo(2);
			assertThat(missed(meters, "lets-go")).isEqualTo(3);
		}

		try (ConfigurableApplicationContext third = server(root, "200ms")) {
			JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
			await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
			assertThat(decisions(jdbc, "catches-up")).hasSize(1);
			assertThat(decisions(jdbc, "lets-go")).hasSize(1);
			assertThat(third.getBean(Runs.class).list("catches-up", null, 10)).hasSize(1);
			assertThat(missed(third.getBean(MeterRegistry.class), "catches-up")).isZero();
		}
	}

	private static void write(Path root, String name, String cron, String catchUp) {
		TestPipelines.write(root.resolve("jobs"), name,
				TestPipelines.synthetic(name, "auto", 0.5)
					.replace("dataset:",
							"schedule: { cron: \"%s\", zone: UTC, catch-up: %s }\ndataset:".formatted(cron, catchUp)));
	}

	private static ConfigurableApplicationContext server(Path root, String catchUpDelay) {
		return new SpringApplicationBuilder(TrainyardApplication.class).web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--jobs-dir=" + root.resolve("jobs"),
					"--trainyard.data-dir=" + root.resolve("data"), "--trainyard.runs.heartbeat-interval=1s",
					"--trainyard.runs.handle-signals=false", "--trainyard.scheduling.refresh-interval=200ms",
					"--trainyard.scheduling.catch-up-delay=" + catchUpDelay);
	}

	private static List<Map.Entry<Instant, String>> decisions(JdbcTemplate jdbc, String pipeline) {
		return jdbc.query(
				"SELECT SCHEDULED_AT, COALESCE(RUN_ID, SKIPPED) FROM TY_SCHEDULED_LAUNCH WHERE PIPELINE = ?"
						+ " ORDER BY SCHEDULED_AT",
				(row, i) -> Map.entry(row.getTimestamp(1).toInstant(), row.getString(2)), pipeline);
	}

	private static double missed(MeterRegistry meters, String pipeline) {
		Counter counter = meters.find("trainyard.schedule.skipped")
			.tags("pipeline", pipeline, "reason", TickDecisions.MISSED)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
