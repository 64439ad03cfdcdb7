package dev.trainyard.scheduling;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.run.Outcome;
import dev.trainyard.run.RunAction;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.EmbeddedPostgresDatabases;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several servers on one PostgreSQL, as a deployment runs them: each schedule tick is
 * launched by exactly one of them, and a server that dies mid-run has its run resumed by
 * another. The servers share the database, the jobs dir and the checkpoint store; each
 * has its own data dir.
 */
class TwoServersTests {

	private static final String CRON = "*/5 * * * * *";

	@Test
	void everyTickOfAFiveSecondCronIsLaunchedOnceByOneOfTwoServers() throws Exception {
		Path root = TestDirs.fresh();
		Map<String, String> database = EmbeddedPostgresDatabases.newDatabase();
		String name = "every-five-seconds";
		TestPipelines.write(root.resolve("jobs"), name, scheduled(TestPipelines.synthetic(name, "auto", 0.5)));
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database.get("spring.datasource.url"),
				database.get("spring.datasource.username"), database.get("spring.datasource.password")));
		try (ConfigurableApplicationContext first = server(root, database, "first", true);
				ConfigurableApplicationContext second = server(root, database, "second", true)) {
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> ticks(jdbc, name).size() >= 12);
		}
		List<Tick> ticks = ticks(jdbc, name);
		List<ScheduledRun> runs = scheduledRuns(jdbc, name);

		for (int i = 1; i < ticks.size(); i++) {
			assertThat(Duration.between(ticks.get(i - 1).at(), ticks.get(i).at()))
				.as("tick %s follows tick %s: none missed, none twice", ticks.get(i).at(), ticks.get(i - 1).at())
				.isEqualTo(Duration.ofSeconds(5));
		}
		assertThat(ticks).allSatisfy((tick) -> assertThat(tick.runId() != null ^ tick.skipped() != null)
			.as("tick %s launched a run or was skipped, not both", tick.at())
			.isTrue());
		assertThat(ticks).extracting(Tick::skipped)
			.as("a tick is only skipped while the pipeline's previous run still runs")
			.isSubsetOf(Arrays.asList(null, TickDecisions.STILL_RUNNING));
		List<String> launched = ticks.stream().map(Tick::runId).filter((runId) -> runId != null).toList();
		assertThat(launched).as("most ticks launch a run of this small pipeline").hasSizeGreaterThan(ticks.size() / 2);
		assertThat(runs).extracting(ScheduledRun::runId)
			.as("every scheduled run was launched by exactly one tick")
			.containsExactlyInAnyOrderElementsOf(launched);
		for (int i = 1; i < runs.size(); i++) {
			ScheduledRun previous = runs.get(i - 1);
			assertThat(previous.endedAt()).as("run %s ended before the next one started", previous.runId()).isNotNull();
			assertThat(runs.get(i).createdAt()).isAfterOrEqualTo(previous.endedAt());
		}
	}

	@Test
	void aRunOfAServerKilledMidRunIsResumedByTheOther() throws Exception {
		Path root = TestDirs.fresh();
		Map<String, String> database = EmbeddedPostgresDatabases.newDatabase();
		String name = "outlives-its-server";
		TestPipelines.write(root.resolve("jobs"), name, scheduled(longPipeline(name)));
		try (ConfigurableApplicationContext survivor = server(root, database, "survivor", false)) {
			Runs runs = survivor.getBean(Runs.class);
			Process doomed = childServer(root, database, "doomed");
			RunView started;
			try {
				started = await().atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> runs.list(name, null, 1),
							(list) -> !list.isEmpty() && list.get(0).checkpoints().size() >= 2
									&& list.get(0).status() == RunStatus.STARTED)
					.get(0);
			}
			finally {
				doomed.destroyForcibly();
				assertThat(doomed.waitFor(1, TimeUnit.MINUTES)).isTrue();
			}
			assertThat(started.launchedBy()).isEqualTo(PipelineScheduler.ACTOR);

			RunView resumed = await().atMost(Duration.ofMinutes(3))
				.until(() -> runs.find(started.runId()).orElseThrow(), (run) -> run.status() == RunStatus.COMPLETED
						|| (run.status() == RunStatus.FAILED && run.nextAttemptAt() == null));
			assertThat(resumed.status()).as("ended with error %s", resumed.error()).isEqualTo(RunStatus.COMPLETED);
			assertThat(resumed.outcome()).isEqualTo(Outcome.PROMOTED);
			assertThat(resumed.restarts()).as("taken over as a run-level restart").isEqualTo(1);
			assertThat(resumed.actions()).extracting(RunView.Action::action).contains(RunAction.RECOVER);
			assertThat(resumed.executions()).isEqualTo(2);
			assertThat(runs.list(name, null, 10)).as("the pipeline ran once").hasSize(1);
		}
	}

	private static String scheduled(String pipeline) {
		return pipeline.replace("dataset:", "schedule: { cron: \"" + CRON + "\", zone: UTC }\ndataset:");
	}

	/** Long enough (a few seconds of training) for the kill to land mid-run. */
	private static String longPipeline(String name) {
		return TestPipelines.synthetic(name, "auto", 0.5)
			.replace("rows=2000&features=8", "rows=20000&features=10")
			.replace("rounds: 40", "rounds: 400")
			.replace("max_depth: 3", "max_depth: 6");
	}

	private static Map<String, String> settings(Path root, Map<String, String> database, String server,
			boolean scheduling) {
		Map<String, String> settings = new LinkedHashMap<>(database);
		settings.put("server.port", "0");
		settings.put("jobs-dir", root.resolve("jobs").toString());
		settings.put("trainyard.data-dir", root.resolve(server).toString());
		settings.put("trainyard.store.root", root.resolve("store").toString());
		settings.put("trainyard.runs.heartbeat-interval", "1s");
		settings.put("trainyard.runs.stop-grace", "2s");
		settings.put("trainyard.runs.handle-signals", "false");
		settings.put("trainyard.scheduling.enabled", Boolean.toString(scheduling));
		settings.put("trainyard.scheduling.refresh-interval", "1s");
		return settings;
	}

	private static ConfigurableApplicationContext server(Path root, Map<String, String> database, String server,
			boolean scheduling) {
		List<String> arguments = new ArrayList<>();
		settings(root, database, server, scheduling).forEach((key, value) -> arguments.add("--" + key + "=" + value));
		return new SpringApplicationBuilder(TrainyardApplication.class).web(WebApplicationType.SERVLET)
			.run(arguments.toArray(String[]::new));
	}

	/** A server in a JVM of its own (so that it can be killed), its output in a file. */
	private static Process childServer(Path root, Map<String, String> database, String server) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		settings(root, database, server, true).forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.add(TrainyardApplication.class.getName());
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(root.resolve(server + ".log").toFile())
			.start();
	}

	private static List<Tick> ticks(JdbcTemplate jdbc, String pipeline) {
		return jdbc.query(
				"SELECT SCHEDULED_AT, RUN_ID, SKIPPED FROM TY_SCHEDULED_LAUNCH WHERE PIPELINE = ? ORDER BY SCHEDULED_AT",
				(row, i) -> new Tick(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3)), pipeline);
	}

	private static List<ScheduledRun> scheduledRuns(JdbcTemplate jdbc, String pipeline) {
		return jdbc.query(
				"SELECT RUN_ID, CREATED_AT, ENDED_AT FROM TY_RUN WHERE PIPELINE = ? AND LAUNCHED_BY = ? ORDER BY CREATED_AT",
				(row, i) -> new ScheduledRun(row.getString(1), row.getTimestamp(2).toInstant(),
						instant(row.getTimestamp(3))),
				pipeline, PipelineScheduler.ACTOR);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record Tick(Instant at, String runId, String skipped) {
	}

	record ScheduledRun(String runId, Instant createdAt, Instant endedAt) {
	}

}
