package dev.trainyard.cli;

import java.util.Locale;

import dev.trainyard.run.TrainingProgressed;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One stderr line per checkpoint while the CLI trains, printed once the checkpoint is
 * committed: a run killed after the line resumes from that checkpoint or a newer one.
 */
@Component
@ConditionalOnProperty("trainyard.cli.command")
class ProgressPrinter {

	private final CliStreams streams;

	private long last = System.nanoTime();

	ProgressPrinter(CliStreams streams) {
		this.streams = streams;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(TrainingProgressed progress) {
		long now = System.nanoTime();
		double seconds = (now - this.last) / 1e9;
		this.last = now;
		String total = (progress.rounds() > 0)
				? String.format(Locale.ROOT, "%d (%d%%)", progress.rounds(), 100 * progress.round() / progress.rounds())
				: "?";
		this.streams.err()
			.println(String.format(Locale.ROOT, "%s: %s %d/%s, checkpoint %s, %.1f s", progress.pipeline(),
					progress.unit(), progress.round(), total, progress.checkpoint().sha256().substring(0, 12),
					seconds));
	}

}
