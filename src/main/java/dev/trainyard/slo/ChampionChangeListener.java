package dev.trainyard.slo;

import dev.trainyard.registry.ChampionChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates a pipeline's SLOs as soon as its champion changes, in any process (the
 * CLI's too). Never fails the change: it is committed already.
 */
@Component
class ChampionChangeListener {

	private static final Logger log = LoggerFactory.getLogger(ChampionChangeListener.class);

	private final SloEvaluator evaluator;

	ChampionChangeListener(SloEvaluator evaluator) {
		this.evaluator = evaluator;
	}

	@EventListener
	void championChanged(ChampionChanged event) {
		try {
			this.evaluator.evaluateSeparately(event.pipeline());
		}
		catch (RuntimeException ex) {
			log.warn("Could not re-evaluate the SLOs of {} after its champion changed: {}", event.pipeline(),
					ex.toString());
		}
	}

}
