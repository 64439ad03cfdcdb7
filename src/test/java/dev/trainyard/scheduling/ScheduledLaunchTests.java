package dev.trainyard.scheduling;

import java.nio.file.Path;
import java.time.Duration;

import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TrainyardTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "trainyard.scheduling.refresh-interval=200ms")
@DirtiesContext
class ScheduledLaunchTests {

	static Path root;

	@DynamicPropertySource
	static void dirs(DynamicPropertyRegistry registry) {
		root = TestDirs.root(ScheduledLaunchTests.class);
		write("every-second", "schedule: { cron: \"* * * * * *\", zone: Europe/Paris }\n");
		write("unscheduled", "");
	}

	@Autowired
	Runs runs;

	@Autowired
	PipelineScheduler scheduler;

	@Test
	void launchesAPipelineOnItsCronAndForgetsTheScheduleWhenTheFileDropsIt() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.runs.list("every-second", null, 10), (runs) -> !runs.isEmpty());
		RunView run = this.runs.list("every-second", null, 10).get(0);
		assertThat(run.launchedBy()).isEqualTo(PipelineScheduler.ACTOR);
		assertThat(this.runs.list("unscheduled", null, 10)).isEmpty();
		assertThat(this.scheduler.schedules()).containsOnlyKeys("every-second");

		write("every-second", "");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.scheduler.schedules().isEmpty());
	}

	private static void write(String name, String schedule) {
		String yaml = TestPipelines.synthetic(name, "auto", 0.5).replace("dataset:", schedule + "dataset:");
		TestPipelines.write(root.resolve("jobs"), name, yaml);
	}

}
