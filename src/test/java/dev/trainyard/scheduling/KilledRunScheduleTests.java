package dev.trainyard.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.trainyard.run.RunAction;
import dev.trainyard.run.RunStatus;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.KilledRuns;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CLI run killed while a server runs: the server's dead-run detector (every two
 * heartbeats) finds it and takes it over, so its cron schedule launches again instead of
 * skipping every tick as "still running".
 */
@TrainyardTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "trainyard.scheduling.refresh-interval=200ms", "trainyard.runs.heartbeat-interval=500ms" })
class KilledRunScheduleTests {

	@Autowired
	Runs runs;

	@Autowired
	PipelineScheduler scheduler;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aKilledRunIsFoundDeadAndTheScheduleLaunchesAgain() throws Exception {
		String name = "killed-schedule";
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.5));
		RunView killed = await().atMost(Duration.ofMinutes(1))
			.until(() -> this.runs.launch(name, "cli:someone"), (run) -> run != null);
		await().atMost(Duration.ofMinutes(1)).until(() -> !this.runs.find(killed.runId()).orElseThrow().isRunning());
		KilledRuns.leave(this.jdbc, killed.runId(), "train", KilledRuns.finishedProcess().pid(), Instant.now());
		assertThat(this.runs.find(killed.runId()).orElseThrow().status()).isEqualTo(RunStatus.STARTED);
		TestPipelines.write(TestDirs.jobs(getClass()), name, TestPipelines.synthetic(name, "auto", 0.5)
			.replace("dataset:", "schedule: { cron: \"* * * * * *\", zone: UTC }\ndataset:"));

		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.runs.list(name, null, 10),
					(runs) -> runs.stream().anyMatch((run) -> PipelineScheduler.ACTOR.equals(run.launchedBy())));

		RunView recovered = this.runs.find(killed.runId()).orElseThrow();
		assertThat(recovered.status()).isNotEqualTo(RunStatus.STARTED);
		assertThat(recovered.actions()).extracting(RunView.Action::action).contains(RunAction.RECOVER);
		List<RunView> scheduled = this.runs.list(name, null, 10)
			.stream()
			.filter((run) -> PipelineScheduler.ACTOR.equals(run.launchedBy()))
			.toList();
		assertThat(scheduled).isNotEmpty();
	}

}
