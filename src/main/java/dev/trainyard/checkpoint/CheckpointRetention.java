package dev.trainyard.checkpoint;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.FileSets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the blobs of checkpoints a run no longer needs (every file of a file-set
 * checkpoint, then its manifest); their rows stay, marked deleted. Deleting never happens
 * before the newer checkpoint that replaces them is committed.
 * <p>
 * A row is marked deleted, and the mark committed, before its blob is deleted: a process
 * killed in between leaves a blob that no row points at (space, not a broken reference),
 * never a row that claims a blob that is gone. A blob that cannot be deleted and is still
 * there gets its row back.
 */
@Component
@EnableConfigurationProperties(CheckpointProperties.class)
class CheckpointRetention {

	private static final Logger log = LoggerFactory.getLogger(CheckpointRetention.class);

	private final BlobStore store;

	private final FileSets fileSets;

	private final CheckpointRepository repository;

	private final CheckpointProperties properties;

	private final Clock clock;

	private final TransactionTemplate separateTransaction;

	CheckpointRetention(BlobStore store, FileSets fileSets, CheckpointRepository repository,
			CheckpointProperties properties, Clock clock, PlatformTransactionManager transactionManager) {
		this.separateTransaction = new TransactionTemplate(transactionManager);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.store = store;
		this.fileSets = fileSets;
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	/** After the current transaction commits: keep only the run's newest {@code keep}. */
	void pruneAfterCommit(String runId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					prune(runId);
				}
			});
		}
		else {
			prune(runId);
		}
	}

	void prune(String runId) {
		List<CheckpointRef> live = this.repository.findByRun(runId).stream().filter((ref) -> !ref.corrupt()).toList();
		delete(live.stream().skip(this.properties.keep()).toList());
	}

	void deleteAll(String runId) {
		if (this.properties.deleteWhenRegistered()) {
			delete(this.repository.findByRun(runId));
		}
	}

	private void delete(List<CheckpointRef> checkpoints) {
		for (CheckpointRef ref : checkpoints) {
			if (ref.deleted()) {
				continue;
			}
			// committed on its own (also when called after the step's commit, where the
			// step's
			// connection would only commit it later), before the blob goes
			this.separateTransaction
				.executeWithoutResult((status) -> this.repository.markDeleted(ref.id(), this.clock.instant()));
			try {
				if (ref.fileSet()) {
					this.fileSets.delete(ref.key());
				}
				else {
					this.store.delete(ref.key());
				}
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Could not delete checkpoint {}: {}", ref.location(), ex.getMessage());
				keepIfStillThere(ref);
			}
		}
	}

	/**
	 * A plain blob is deleted whole or not at all: when it is still there, so is its row.
	 */
	private void keepIfStillThere(CheckpointRef ref) {
		try {
			if (!ref.fileSet() && this.store.exists(ref.key())) {
				this.separateTransaction.executeWithoutResult((status) -> this.repository.unmarkDeleted(ref.id()));
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Checkpoint {} stays marked deleted; it may still be in the store: {}", ref.location(),
					ex.getMessage());
		}
	}

}
