package dev.trainyard.slo;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;

/**
 * The server's periodic evaluation of every pipeline's SLOs, every
 * {@code trainyard.slo.evaluation-interval}: it notices a model going stale with no run
 * at all (a schedule that silently stopped still alerts) and feeds the budget gauges.
 */
class SloSchedule implements SmartInitializingSingleton, DisposableBean {

	private final SloEvaluator evaluator;

	private final BudgetMetrics metrics;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private ScheduledFuture<?> evaluation;

	SloSchedule(SloEvaluator evaluator, BudgetMetrics metrics, TaskScheduler scheduler, SloProperties properties) {
		this.evaluator = evaluator;
		this.metrics = metrics;
		this.scheduler = scheduler;
		this.interval = properties.evaluationInterval();
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.evaluation = this.scheduler.scheduleWithFixedDelay(this::evaluate, this.interval);
	}

	void evaluate() {
		this.metrics.update(this.evaluator.evaluateAll());
	}

	@Override
	public void destroy() {
		if (this.evaluation != null) {
			this.evaluation.cancel(false);
		}
	}

}
