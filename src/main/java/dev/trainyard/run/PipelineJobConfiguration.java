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
 * restart (the approval) continues at {@code promote}. {@code gate} runs again on every
 * restart (it is re-entrant: it goes on from the registered version's state), so a run
 * killed anywhere between training's end and promotion continues from what it decided.
 */
@Configuration(proxyBeanMethods = false)
class PipelineJobConfiguration {

	@Bean
	Job pipelineJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, TrainerTasklets trainer,
			TrainTasklet train, GateTasklet gate, PromoteTasklet promote, RunJobListener listener) {
		Steps steps = new Steps(jobRepository, transactionManager, listener);
		Step promoteStep = steps.step(RunStep.PROMOTE, promote, false);
		Step gateStep = steps.step(RunStep.GATE, gate, true);
		return new JobBuilder(RunKeys.JOB_NAME, jobRepository).listener(listener)
			.start(steps.step(RunStep.PREPARE_DATA, trainer.prepareData(), false))
			.next(steps.step(RunStep.TRAIN, train, false))
			.next(steps.step(RunStep.EVALUATE, trainer.evaluate(), false))
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

}
