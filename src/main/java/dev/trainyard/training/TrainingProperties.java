package dev.trainyard.training;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training settings.
 *
 * @param threads XGBoost's {@code nthread} when a pipeline does not set it. Fixed, not
 * "all cores", so the same pipeline gives the same model bytes on any machine size; it is
 * recorded in each run and a resumed run keeps the value it started with.
 */
@Validated
@ConfigurationProperties("trainyard.training")
record TrainingProperties(@DefaultValue("2") @Min(1) int threads) {
}
