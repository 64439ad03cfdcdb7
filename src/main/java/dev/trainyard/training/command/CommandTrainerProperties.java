package dev.trainyard.training.command;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How command trainers are watched.
 *
 * @param pollInterval how often the checkpoint directory is looked at and the process
 * tree noted (children orphaned between two looks can escape a stop)
 * @param maxLogLine the longest log line kept, in characters; the rest of a longer line
 * is dropped and counted
 * @param logTail how many of the last log lines a failure's message quotes
 */
@Validated
@ConfigurationProperties("trainyard.training.command")
record CommandTrainerProperties(@NotNull @DefaultValue("200ms") Duration pollInterval,
		@Min(80) @DefaultValue("16384") int maxLogLine, @Min(1) @DefaultValue("20") int logTail) {
}
