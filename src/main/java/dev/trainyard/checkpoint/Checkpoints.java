package dev.trainyard.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.trainyard.store.BlobCorruptException;
import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStore;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoredBlob;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checkpoint module's facade: writes checkpoints (blob first, then the row that
 * points at it) and finds the newest one that still verifies.
 */
@Service
public class Checkpoints {

	private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

	private final BlobStore store;

	private final CheckpointRepository repository;

	private final TransactionTemplate separateTransaction;

	private final Timer writeTimer;

	private final Clock clock;

	private final CheckpointRetention retention;

	private final ApplicationEventPublisher events;

	Checkpoints(BlobStore store, CheckpointRepository repository, PlatformTransactionManager transactionManager,
			MeterRegistry meterRegistry, Clock clock, CheckpointRetention retention, ApplicationEventPublisher events) {
		this.retention = retention;
		this.events = events;
		this.store = store;
		this.repository = repository;
		this.separateTransaction = new TransactionTemplate(transactionManager);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.writeTimer = Timer.builder("trainyard.checkpoint.write")
			.description("Time to write and record one checkpoint")
			.publishPercentileHistogram()
			.register(meterRegistry);
		this.clock = clock;
	}

	/**
	 * Writes the model after {@code round} rounds and records it. The row is written in
	 * the caller's transaction (the train step's chunk), after the blob is complete.
	 */
	public CheckpointRef save(String pipeline, String runId, int round, byte[] model) {
		return this.writeTimer.record(() -> {
			String sha256 = Sha256.hex(model);
			String key = "checkpoints/%s/%s/%06d-%s".formatted(pipeline, runId, round, sha256.substring(0, 12));
			StoredBlob blob = put(key, model, sha256);
			CheckpointRef ref = this.repository.insert(runId, pipeline, round, key, blob.location(), blob.size(),
					sha256, this.clock.instant());
			this.retention.pruneAfterCommit(runId);
			return ref;
		});
	}

	/**
	 * Deletes the blobs of a finished run whose model is registered (unless
	 * {@code trainyard.checkpoints.delete-when-registered=false}); the rows stay.
	 */
	public void releaseFinishedRun(String runId) {
		this.retention.deleteAll(runId);
	}

	public List<CheckpointRef> list(String runId) {
		return this.repository.findByRun(runId);
	}

	/**
	 * The newest checkpoint of a run whose bytes match their recorded size and SHA-256
	 * (file-set checkpoints are {@link DirectoryCheckpoints}'s). Each newer one that does
	 * not is marked corrupt (in its own transaction, so the mark survives a failing step)
	 * and named in a WARN.
	 */
	public Optional<VerifiedCheckpoint> latestVerified(String runId) {
		for (CheckpointRef ref : this.repository.findByRun(runId)) {
			if (ref.corrupt() || ref.deleted() || ref.fileSet()) {
				continue;
			}
			try {
				return Optional.of(new VerifiedCheckpoint(ref, read(ref)));
			}
			catch (CheckpointCorruptException ex) {
				log.warn("Checkpoint at round {} of run {} is corrupt and will not be used: {}", ref.round(), runId,
						ex.getMessage());
				markCorrupt(ref, ex.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * Reads a checkpoint and checks its size and SHA-256.
	 * @throws CheckpointCorruptException when the blob is missing or does not match
	 * @throws UncheckedIOException when the store cannot be read now (transient: the
	 * checkpoint is not marked corrupt)
	 */
	public byte[] read(CheckpointRef ref) {
		byte[] bytes;
		try (InputStream in = this.store.open(ref.key())) {
			bytes = in.readAllBytes();
		}
		catch (BlobNotFoundException | BlobCorruptException ex) {
			throw new CheckpointCorruptException(ref.location() + " cannot be used: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read checkpoint " + ref.location() + " now", ex);
		}
		if (bytes.length != ref.size()) {
			throw new CheckpointCorruptException(
					ref.location() + " has " + bytes.length + " bytes, " + ref.size() + " were written");
		}
		String sha256 = Sha256.hex(bytes);
		if (!sha256.equals(ref.sha256())) {
			throw new CheckpointCorruptException(
					ref.location() + " has SHA-256 " + sha256 + ", " + ref.sha256() + " was written");
		}
		return bytes;
	}

	/**
	 * Marks a checkpoint corrupt in a transaction of its own, so that the mark survives a
	 * failing step, and publishes {@link CheckpointFoundCorrupt}.
	 */
	void markCorrupt(CheckpointRef ref, String reason) {
		this.separateTransaction.executeWithoutResult((status) -> this.repository.markCorrupt(ref.id()));
		this.events.publishEvent(new CheckpointFoundCorrupt(ref.pipeline(), ref.runId(), ref.round(), ref.location(),
				reason, this.clock.instant()));
	}

	/** Runs {@code write}, timed as one checkpoint write. */
	<T> T timedWrite(Supplier<T> write) {
		return this.writeTimer.record(write);
	}

	/**
	 * Writes a checkpoint's blob; the store checks it against its size and SHA-256 and
	 * stores nothing when they differ.
	 */
	private StoredBlob put(String key, byte[] model, String sha256) {
		try {
			return this.store.put(key, new ByteArrayInputStream(model), model.length, sha256);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write checkpoint " + this.store.location(key), ex);
		}
	}

}
