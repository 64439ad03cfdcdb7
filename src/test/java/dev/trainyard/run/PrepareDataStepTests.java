package dev.trainyard.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import dev.trainyard.pipeline.PipelineCatalog;
import dev.trainyard.pipeline.PipelineDefinition;
import dev.trainyard.support.TestDirs;
import dev.trainyard.support.TestPipelines;
import dev.trainyard.support.TrainyardTest;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code prepare-data} step on its own (Spring Batch's {@link JobOperatorTestUtils}),
 * without the rest of the job.
 */
@TrainyardTest
class PrepareDataStepTests {

	final Path jobsDir = TestDirs.jobs(getClass());

	final JobOperatorTestUtils steps;

	PrepareDataStepTests(@Autowired JobOperator jobOperator, @Autowired JobRepository jobRepository,
			@Autowired Job pipelineJob) {
		this.steps = new JobOperatorTestUtils(jobOperator, jobRepository);
		this.steps.setJob(pipelineJob);
	}

	@Autowired
	RunRepository runs;

	@Autowired
	PipelineCatalog catalog;

	@Test
	void freezesTheDatasetFingerprintThreadsAndRoundsOfTheRun() {
		JobExecution execution = startStep(record("prepared", TestPipelines.synthetic("prepared", "auto", 0.5)));
		assertThat(execution.getStepExecutions()).singleElement()
			.extracting(StepExecution::getStatus)
			.isEqualTo(BatchStatus.COMPLETED);
		ExecutionContext context = execution.getExecutionContext();
		assertThat(context.getString(RunKeys.FINGERPRINT)).matches("[0-9a-f]{64}");
		assertThat(context.getInt(RunKeys.THREADS)).isEqualTo(2);
		assertThat(context.getInt(RunKeys.TRAIN_ROUNDS)).isEqualTo(40);
	}

	@Test
	void failsOnADatasetWithoutTheLabelColumnAndSaysSo() {
		String yaml = TestPipelines.synthetic("unlabelled", "auto", 0.5).replace("label: label", "label: lable");
		JobExecution execution = startStep(record("unlabelled", yaml));
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step.getExitStatus().getExitDescription()).contains("InvalidDatasetException").contains("lable");
		assertThat(execution.getExecutionContext().containsKey(RunKeys.FINGERPRINT)).isFalse();
	}

	private String record(String name, String yaml) {
		Path file = TestPipelines.write(this.jobsDir, name, yaml);
		PipelineDefinition definition = this.catalog.get(name);
		String runId = UUID.randomUUID().toString();
		this.runs.insert(runId, name, file.toString(), definition.text(), "tester", RunStatus.STARTING, Instant.now());
		return runId;
	}

	private JobExecution startStep(String runId) {
		return this.steps.startStep("prepare-data",
				new JobParametersBuilder().addString(RunKeys.RUN_ID, runId).toJobParameters(), new ExecutionContext());
	}

}
