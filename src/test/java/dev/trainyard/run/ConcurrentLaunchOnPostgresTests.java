package dev.trainyard.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.trainyard.support.EmbeddedPostgresDatabases;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs of several pipelines launched at the same moment (one cron minute, several REST
 * calls) all start on PostgreSQL: with Spring Batch's default isolation for creating job
 * metadata (SERIALIZABLE) PostgreSQL aborts some of them.
 */
@TrainyardTest
class ConcurrentLaunchOnPostgresTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDirs.root(ConcurrentLaunchOnPostgresTests.class);
		EmbeddedPostgresDatabases.register(registry);
	}

	@Autowired
	Runs runs;

	@Test
	void pipelinesLaunchedAtTheSameMomentAllRun(@Autowired Environment environment) throws Exception {
		Path jobs = TestDirs.root(getClass()).resolve("jobs");
		List<String> names = IntStream.range(0, 4).mapToObj((i) -> "at-once-" + i).toList();
		names.forEach((name) -> TestPipelines.write(jobs, name, TestPipelines.synthetic(name, "auto", 0.5)));
		CyclicBarrier together = new CyclicBarrier(names.size());
		ExecutorService threads = Executors.newFixedThreadPool(names.size());
		try {
			List<Future<RunView>> launched = new ArrayList<>();
			for (String name : names) {
				launched.add(threads.submit(() -> {
					together.await();
					return this.runs.launch(name, "scheduler");
				}));
			}
			for (Future<RunView> run : launched) {
				assertThat(run.get(2, TimeUnit.MINUTES).outcome()).isEqualTo(Outcome.PROMOTED);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
