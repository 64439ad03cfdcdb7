package dev.trainyard.checkpoint;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Checkpoint retention.
 *
 * @param keep how many of a run's newest checkpoints keep their blobs while it trains
 * (older blobs are deleted once a newer checkpoint is committed)
 * @param deleteWhenRegistered whether a run's checkpoint blobs are deleted once its job
 * execution ends with its model registered as a version (the model then lives in the
 * artifact store)
 */
@Validated
@ConfigurationProperties("trainyard.checkpoints")
record CheckpointProperties(@DefaultValue("3") @Min(1) int keep, @DefaultValue("true") boolean deleteWhenRegistered) {
}
