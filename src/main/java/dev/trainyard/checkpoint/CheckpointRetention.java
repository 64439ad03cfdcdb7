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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Deletes the blobs of checkpoints a run no longer needs (every file of a file-set
 * checkpoint, then its manifest); their rows stay, marked deleted. Deleting never happens
 * before the newer checkpoint that replaces them is committed.
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

	CheckpointRetention(BlobStore store, FileSets fileSets, CheckpointRepository repository,
			CheckpointProperties properties, Clock clock) {
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
			try {
				if (ref.fileSet()) {
					this.fileSets.delete(ref.key());
				}
				else {
					this.store.delete(ref.key());
				}
				this.repository.markDeleted(ref.id(), this.clock.instant());
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Could not delete checkpoint {}: {}", ref.location(), ex.getMessage());
			}
		}
	}

}
