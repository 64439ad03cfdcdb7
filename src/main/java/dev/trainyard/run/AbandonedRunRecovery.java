package dev.trainyard.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the server starts, runs whose process was killed still look {@code STARTED}. They
 * are recovered ({@code JobOperator.recover}: marked {@code FAILED}) so that the API
 * shows them as they are and they can be restarted; they are not restarted by themselves.
 */
@Component
@ConditionalOnWebApplication
class AbandonedRunRecovery {

	private static final Logger log = LoggerFactory.getLogger(AbandonedRunRecovery.class);

	private final RunRepository runs;

	private final RunViews views;

	private final RunLiveness liveness;

	private final JobOperator jobOperator;

	AbandonedRunRecovery(RunRepository runs, RunViews views, RunLiveness liveness, JobOperator jobOperator) {
		this.runs = runs;
		this.views = views;
		this.liveness = liveness;
		this.jobOperator = jobOperator;
	}

	@EventListener(ApplicationReadyEvent.class)
	void recoverOnStart() {
		try {
			recover(500);
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for runs left behind by killed processes: {}", ex.getMessage());
		}
	}

	/**
	 * Recovers the abandoned runs among the newest {@code limit} runs.
	 * @return how many were recovered
	 */
	int recover(int limit) {
		int recovered = 0;
		for (RunRecord run : this.runs.findRecent(null, limit)) {
			JobExecution last = this.views.lastExecution(run).orElse(null);
			if (last != null && last.isRunning() && this.liveness.isAbandoned(run, last)) {
				this.jobOperator.recover(last);
				this.runs.setOutcome(run.runId(), Outcome.FAILED.name(), null);
				log.warn("Run {} of {} was left {} by {}, which is gone; marked FAILED (restart it to continue)",
						run.runId(), run.pipeline(), last.getStatus(), run.owner());
				recovered++;
			}
		}
		return recovered;
	}

}
