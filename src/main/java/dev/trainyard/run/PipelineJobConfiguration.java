package dev.trainyard.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one job every pipeline runs as: {@code prepare-data → train → evaluate → gate →
 * promote}. A rejected candidate ends the job; one that needs approval stops it, and a
 * restart (the approval) continues at {@code promote}.
 */
@Configuration(proxyBeanMethods = false)
class PipelineJobConfiguration {

	@Bean
	Job pipelineJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PrepareDataTasklet prepareData, TrainTasklet train, EvaluateTasklet evaluate, GateTasklet gate,
			PromoteTasklet promote, RunJobListener listener) {
		Step promoteStep = step("promote", promote, jobRepository, transactionManager);
		Step gateStep = step("gate", gate, jobRepository, transactionManager);
		return new JobBuilder(RunKeys.JOB_NAME, jobRepository).listener(listener)
			.start(step("prepare-data", prepareData, jobRepository, transactionManager))
			.next(step("train", train, jobRepository, transactionManager))
			.next(step("evaluate", evaluate, jobRepository, transactionManager))
			.next(gateStep)
			.on(GateTasklet.REJECTED)
			.end()
			.from(gateStep)
			.on(GateTasklet.AWAITING_APPROVAL)
			.stopAndRestart(promoteStep)
			.from(gateStep)
			.on("*")
			.to(promoteStep)
			.end()
			.build();
	}

	private static Step step(String name, Tasklet tasklet, JobRepository jobRepository,
			PlatformTransactionManager transactionManager) {
		return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
	}

}
