package dev.trainyard.slo;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the reliability indicators.
 *
 * @param evaluationInterval how often the server re-evaluates every pipeline's freshness
 * and error budgets (gauges, status changes, incidents); a champion change and a finished
 * run re-evaluate their pipeline at once
 * @param policy the error-budget policy
 */
@ConfigurationProperties("trainyard.slo")
@Validated
record SloProperties(@NotNull @DefaultValue("1m") Duration evaluationInterval, @Valid @DefaultValue Policy policy) {

	/**
	 * @param requireApprovalWhenExhausted while a pipeline's run-success error budget is
	 * exhausted, a candidate of an {@code approval: auto} pipeline needs approval
	 */
	record Policy(@DefaultValue("true") boolean requireApprovalWhenExhausted) {
	}

}
