package dev.trainyard.run;

import dev.trainyard.pipeline.PipelineDefinition;

import org.springframework.stereotype.Component;

/** Which {@link RunTrainer} a run trains with: its pipeline's {@code trainer.type}. */
@Component
class RunTrainers {

	private final XgboostRunTrainer xgboost;

	private final CommandRunTrainer command;

	RunTrainers(XgboostRunTrainer xgboost, CommandRunTrainer command) {
		this.xgboost = xgboost;
		this.command = command;
	}

	RunTrainer of(PipelineDefinition definition) {
		return definition.trainer().isCommand() ? this.command : this.xgboost;
	}

}
