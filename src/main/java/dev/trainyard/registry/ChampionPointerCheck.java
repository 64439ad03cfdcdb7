package dev.trainyard.registry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the server starts, puts every serving pointer right that a crash left ahead of the
 * database ({@link ChampionPointers#reconcileAll()}).
 */
@Component
@ConditionalOnWebApplication
class ChampionPointerCheck {

	private final ChampionPointers pointers;

	ChampionPointerCheck(ChampionPointers pointers) {
		this.pointers = pointers;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		this.pointers.reconcileAll();
	}

}
