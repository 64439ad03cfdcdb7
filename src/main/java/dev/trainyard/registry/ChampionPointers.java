package dev.trainyard.registry;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each serving pointer in line with the champion the database holds: rewritten from
 * the champion's row (read under its lock) after a failed change, and for every pipeline
 * when the server starts (a process killed between the pointer write and the commit
 * leaves a pointer that names a version that never became champion).
 */
@Component
class ChampionPointers {

	private static final Logger log = LoggerFactory.getLogger(ChampionPointers.class);

	private final ChampionRepository champions;

	private final ModelVersionRepository versions;

	private final ChampionPointer pointer;

	private final TransactionTemplate transaction;

	ChampionPointers(ChampionRepository champions, ModelVersionRepository versions, ChampionPointer pointer,
			PlatformTransactionManager transactionManager) {
		this.champions = champions;
		this.versions = versions;
		this.pointer = pointer;
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Points the pipeline's pointer at {@code champion}. */
	void write(String pipeline, ChampionRepository.Current champion) {
		this.pointer.write(this.versions.find(pipeline, champion.version()).orElseThrow(), champion.since());
	}

	/**
	 * Rewrites the pipeline's pointer when it does not name the committed champion.
	 * @return whether it had to
	 */
	boolean reconcile(String pipeline) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			Optional<ChampionRepository.Current> champion = this.champions.current(pipeline);
			Optional<Integer> named = this.pointer.version(pipeline);
			if (champion.map(ChampionRepository.Current::version).equals(named)) {
				return false;
			}
			if (champion.isPresent()) {
				write(pipeline, champion.get());
			}
			else {
				this.pointer.delete(pipeline);
			}
			log.warn("The champion pointer of {} named version {}; it names the committed champion ({}) again",
					pipeline, named.orElse(null), champion.map(ChampionRepository.Current::version).orElse(null));
			return true;
		}));
	}

	/** {@link #reconcile}, logging rather than throwing when the store fails too. */
	void reconcileQuietly(String pipeline) {
		try {
			reconcile(pipeline);
		}
		catch (RuntimeException ex) {
			log.error("Could not put the champion pointer of {} right after a failed change: {}", pipeline,
					ex.getMessage());
		}
	}

	/** Reconciles every pipeline that has a model version. */
	int reconcileAll() {
		int rewritten = 0;
		for (String pipeline : this.champions.pipelines()) {
			try {
				rewritten += reconcile(pipeline) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.error("Could not check the champion pointer of {}: {}", pipeline, ex.getMessage());
			}
		}
		return rewritten;
	}

}
