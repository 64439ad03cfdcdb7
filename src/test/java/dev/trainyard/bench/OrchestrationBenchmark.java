package dev.trainyard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.trainyard.TrainyardApplication;
import dev.trainyard.run.RunView;
import dev.trainyard.run.Runs;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Benchmark, not a test: a trivial pipeline (a tiny synthetic dataset, one round)
 * launched through {@link Runs} against a bare Spring Batch job with as many tasklet
 * steps (each doing nothing), launched through {@link JobOperator}, in one Trainyard
 * context on the same H2 file database, alternating. Prints one line per launch
 * ({@code variant milliseconds}).
 * <p>
 * Arguments: {@code <data dir> <warm-up launches> <measured launches>}.
 */
public final class OrchestrationBenchmark {

	static final String PIPELINE = "trivial";

	static final String[] STEPS = { "prepare-data", "train", "evaluate", "gate", "promote" };

	private OrchestrationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]).toAbsolutePath();
		int warmUp = Integer.parseInt(args[1]);
		int measured = Integer.parseInt(args[2]);
		Path jobs = Files.createDirectories(data.resolve("jobs"));
		Files.writeString(jobs.resolve(PIPELINE + ".yaml"), """
				name: trivial
				dataset: { path: "synthetic:classification?rows=200&features=4&seed=1", label: label, seed: 1 }
				trainer: { objective: "binary:logistic", rounds: 1, params: { max_depth: 2 }, checkpoint-every: 1 }
				gates: [{ metric: auc, min: 0.0 }]
				promotion: { approval: auto }
				""");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TrainyardApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("cli")
			.properties("data-dir=" + data, "jobs-dir=" + jobs, "logging.level.dev.trainyard=warn")
			.run()) {
			Runs runs = context.getBean(Runs.class);
			JobOperator operator = context.getBean(JobOperator.class);
			Job bare = bareJob(context.getBean(JobRepository.class), context.getBean(PlatformTransactionManager.class));
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < warmUp + measured; i++) {
				long t0 = System.nanoTime();
				RunView run = runs.launch(PIPELINE, "bench");
				long t1 = System.nanoTime();
				operator.start(bare, new JobParametersBuilder().addLong("i", (long) i).toJobParameters());
				long t2 = System.nanoTime();
				if (i == 0) {
					System.err.println("trivial run: " + run.status() + " " + run.outcome());
				}
				if (i >= warmUp) {
					lines.add(String.format(Locale.ROOT, "trainyard %.2f", (t1 - t0) / 1e6));
					lines.add(String.format(Locale.ROOT, "bare %.2f", (t2 - t1) / 1e6));
				}
			}
			lines.forEach(System.out::println);
		}
	}

	private static Job bareJob(JobRepository repository, PlatformTransactionManager transactions) {
		JobBuilder job = new JobBuilder("bare", repository);
		Step first = step(STEPS[0], repository, transactions);
		var flow = job.start(first);
		for (int i = 1; i < STEPS.length; i++) {
			flow = flow.next(step(STEPS[i], repository, transactions));
		}
		return flow.build();
	}

	private static Step step(String name, JobRepository repository, PlatformTransactionManager transactions) {
		return new StepBuilder("bare-" + name, repository)
			.tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactions)
			.build();
	}

}
