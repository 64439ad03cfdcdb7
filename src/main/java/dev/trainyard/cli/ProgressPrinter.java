package dev.trainyard.cli;

import java.util.Locale;

import dev.trainyard.run.TrainingProgressed;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One stderr line per checkpoint while the CLI trains.
 */
@Component
@ConditionalOnProperty("trainyard.cli.command")
class ProgressPrinter {

	private final CliStreams streams;

	private long last = System.nanoTime();

	ProgressPrinter(CliStreams streams) {
		this.streams = streams;
	}

	@EventListener
	void on(TrainingProgressed progress) {
		long now = System.nanoTime();
		double seconds = (now - this.last) / 1e9;
		this.last = now;
		this.streams.err()
			.println(String.format(Locale.ROOT, "%s: round %d/%d (%d%%), checkpoint %s, %.1f s", progress.pipeline(),
					progress.round(), progress.rounds(), 100 * progress.round() / progress.rounds(),
					progress.checkpoint().sha256().substring(0, 12), seconds));
	}

}
