package dev.trainyard.registry;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a candidate under the next version number of its pipeline, safely when runs
 * of one pipeline finish at the same time: the version row is inserted first, in a
 * transaction of its own, so the primary key decides who gets a number; only the winner
 * writes the artifact under that number (a loser tries the next number, so no artifact is
 * ever written over another version's).
 */
@Component
class VersionAllocator {

	private static final Logger log = LoggerFactory.getLogger(VersionAllocator.class);

	private static final int ATTEMPTS = 10;

	private final ModelVersionRepository versions;

	private final ModelArtifacts artifacts;

	private final TransactionTemplate transaction;

	private final Clock clock;

	VersionAllocator(ModelVersionRepository versions, ModelArtifacts artifacts,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.versions = versions;
		this.artifacts = artifacts;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	ModelVersion register(NewModelVersion candidate) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transaction.execute((status) -> registerOnce(candidate));
			}
			catch (DuplicateKeyException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				log.info("Version number of {} taken by a concurrent run; trying the next one", candidate.pipeline());
			}
		}
	}

	private ModelVersion registerOnce(NewModelVersion candidate) {
		Optional<ModelVersion> existing = this.versions.findByRun(candidate.runId());
		if (existing.isPresent()) {
			return existing.get();
		}
		int version = this.versions.nextVersion(candidate.pipeline());
		String key = (candidate.storedKey() != null) ? candidate.storedKey()
				: ModelArtifacts.modelKey(candidate.pipeline(), version);
		this.versions.insert(candidate, version, key, this.clock.instant());
		if (candidate.storedKey() == null) {
			this.artifacts.writeModel(key, candidate.model(), candidate.sha256());
		}
		log.info("Registered {} version {} ({}) from run {}", candidate.pipeline(), version, candidate.state(),
				candidate.runId());
		return this.versions.find(candidate.pipeline(), version).orElseThrow();
	}

}
