package dev.trainyard.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes a pipeline's champion all or nothing: (a) the artifact is verified and its
 * descriptor written; (b) in one transaction of its own, holding the champion's row lock,
 * the champion moves and a history row is appended, and (c) the serving pointer is
 * rewritten last inside that transaction. If the pointer cannot be written the
 * transaction rolls back. After any failed change the pointer is rewritten from the
 * champion the database holds then (under the same lock), never from a copy read before:
 * so it names the committed champion, also when another change committed meanwhile. A
 * crash between the pointer write and the commit leaves a pointer ahead of the database,
 * which {@link ChampionPointers} puts right at the next start.
 */
@Component
class ChampionPublisher {

	private static final Logger log = LoggerFactory.getLogger(ChampionPublisher.class);

	private final ModelVersionRepository versions;

	private final ChampionRepository champions;

	private final ModelArtifacts artifacts;

	private final ChampionPointers pointers;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ChampionPublisher(ModelVersionRepository versions, ChampionRepository champions, ModelArtifacts artifacts,
			ChampionPointers pointers, PlatformTransactionManager transactionManager, Clock clock,
			ApplicationEventPublisher events) {
		this.versions = versions;
		this.champions = champions;
		this.artifacts = artifacts;
		this.pointers = pointers;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.events = events;
	}

	/**
	 * @param runId the run that promotes (its promotion happens once however often this
	 * is called), or {@code null} for a rollback
	 */
	ModelVersion publish(ModelVersion target, String action, String actor, String reason, String runId) {
		this.artifacts.read(target);
		this.artifacts.writeDescriptor(target);
		try {
			try {
				return this.transaction.execute((status) -> change(target, action, actor, reason, runId));
			}
			catch (DuplicateKeyException ex) {
				// the pipeline's first champion, made by another change at the same
				// moment:
				// its row exists now, and the next try waits for its lock
				return this.transaction.execute((status) -> change(target, action, actor, reason, runId));
			}
		}
		catch (RuntimeException ex) {
			this.pointers.reconcileQuietly(target.pipeline());
			throw ex;
		}
	}

	private ModelVersion change(ModelVersion target, String action, String actor, String reason, String runId) {
		Instant now = this.clock.instant();
		Optional<ChampionRepository.Current> current = this.champions.current(target.pipeline());
		if (runId != null && this.champions.promotedByRun(runId)) {
			this.pointers.write(target.pipeline(), current.orElseThrow());
			return target;
		}
		Integer from = current.map(ChampionRepository.Current::version).orElse(null);
		this.champions.setChampion(target.pipeline(), target.version(), now);
		this.champions.appendHistory(target.pipeline(), from, target.version(), action, actor, reason, runId, now);
		this.versions.updateState(target.pipeline(), target.version(), VersionState.PROMOTED);
		this.pointers.write(target.pipeline(), new ChampionRepository.Current(target.version(), now));
		publishAfterCommit(new ChampionChanged(target.pipeline(), from, target.version(), action, actor, now));
		log.info("{} champion is now version {} (was {}): {} by {}", target.pipeline(), target.version(), from, action,
				actor);
		return this.versions.find(target.pipeline(), target.version()).orElseThrow();
	}

	private void publishAfterCommit(ChampionChanged event) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ChampionPublisher.this.events.publishEvent(event);
			}
		});
	}

}
