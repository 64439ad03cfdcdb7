package dev.trainyard.incident.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;

/**
 * The server drains the outbox on a short fixed delay ({@code
 * trainyard.incidents.delivery.interval}), also the notices of CLI runs that share its
 * database. Every {@code trainyard.incidents.delivery.alert-refresh-interval} it sends
 * the open incidents' alerts again to Alertmanager sinks, which resolve an alert not sent
 * again within their {@code resolve_timeout}.
 */
class DrainSchedule implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DrainSchedule.class);

	private final OutboxDrain drain;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Duration refreshInterval;

	private ScheduledFuture<?> task;

	private ScheduledFuture<?> refresh;

	DrainSchedule(OutboxDrain drain, TaskScheduler scheduler, Duration interval, Duration refreshInterval) {
		this.drain = drain;
		this.scheduler = scheduler;
		this.interval = interval;
		this.refreshInterval = refreshInterval;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.task = this.scheduler.scheduleWithFixedDelay(this::drain, this.interval);
		this.refresh = this.scheduler.scheduleWithFixedDelay(this::refresh, this.refreshInterval);
	}

	private void refresh() {
		try {
			this.drain.refreshOpenAlerts();
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh the open incidents' alerts: {}", ex.toString());
		}
	}

	private void drain() {
		try {
			this.drain.drain(Instant.now().plus(this.interval.multipliedBy(10)));
		}
		catch (RuntimeException ex) {
			log.warn("Could not drain the incident outbox, trying again in {}: {}", this.interval, ex.toString());
		}
	}

	@Override
	public void destroy() {
		if (this.task != null) {
			this.task.cancel(false);
			this.refresh.cancel(false);
		}
	}

}
