package dev.trainyard.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes a pipeline's champion all or nothing: (a) the artifact is verified and its
 * descriptor written; (b) in one transaction of its own the champion moves and a history
 * row is appended, and (c) the serving pointer is rewritten last inside that transaction.
 * If the pointer cannot be written the transaction rolls back; if the commit fails after
 * the pointer was written, the pointer is put back. Readers of the pointer only ever see
 * a version whose artifact is complete.
 */
@Component
class ChampionPublisher {

	private static final Logger log = LoggerFactory.getLogger(ChampionPublisher.class);

	private final ModelVersionRepository versions;

	private final ChampionRepository champions;

	private final ModelArtifacts artifacts;

	private final ChampionPointer pointer;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ChampionPublisher(ModelVersionRepository versions, ChampionRepository champions, ModelArtifacts artifacts,
			ChampionPointer pointer, PlatformTransactionManager transactionManager, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.versions = versions;
		this.champions = champions;
		this.artifacts = artifacts;
		this.pointer = pointer;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * @param runId the run that promotes (its promotion happens once however often this
	 * is called), or {@code null} for a rollback
	 */
	ModelVersion publish(ModelVersion target, String action, String actor, String reason, String runId) {
		this.artifacts.read(target);
		this.artifacts.writeDescriptor(target);
		Optional<byte[]> previousPointer = this.pointer.read(target.pipeline());
		return this.transaction.execute((status) -> {
			Instant now = this.clock.instant();
			Optional<Integer> current = this.champions.champion(target.pipeline());
			if (runId != null && this.champions.promotedByRun(runId)) {
				this.pointer.write(champion(target.pipeline(), current.orElseThrow()), now);
				return target;
			}
			this.champions.setChampion(target.pipeline(), target.version(), now);
			this.champions.appendHistory(target.pipeline(), current.orElse(null), target.version(), action, actor,
					reason, runId, now);
			this.versions.updateState(target.pipeline(), target.version(), VersionState.PROMOTED);
			this.pointer.write(target, now);
			restoreOnRollback(target.pipeline(), previousPointer);
			publishAfterCommit(
					new ChampionChanged(target.pipeline(), current.orElse(null), target.version(), action, actor, now));
			log.info("{} champion is now version {} (was {}): {} by {}", target.pipeline(), target.version(),
					current.orElse(null), action, actor);
			return this.versions.find(target.pipeline(), target.version()).orElseThrow();
		});
	}

	private ModelVersion champion(String pipeline, int version) {
		return this.versions.find(pipeline, version).orElseThrow();
	}

	private void publishAfterCommit(ChampionChanged event) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ChampionPublisher.this.events.publishEvent(event);
			}
		});
	}

	private void restoreOnRollback(String pipeline, Optional<byte[]> previous) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					try {
						ChampionPublisher.this.pointer.restore(pipeline, previous);
					}
					catch (RuntimeException ex) {
						log.error("Could not put back the champion pointer of {} after a failed change: {}", pipeline,
								ex.getMessage());
					}
				}
			}
		});
	}

}
