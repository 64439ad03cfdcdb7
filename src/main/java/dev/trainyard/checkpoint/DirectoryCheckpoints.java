package dev.trainyard.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.trainyard.store.FileSetCorruptException;
import dev.trainyard.store.FileSetManifest;
import dev.trainyard.store.FileSets;
import dev.trainyard.store.StoredFileSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Checkpoints that are directories (a command trainer's, CONTRACT §7): every file is
 * hashed into a manifest, the files and then the manifest are stored, and only then is
 * the row recorded; a restore brings back exactly those bytes or falls back to the
 * previous checkpoint, marking the bad one corrupt.
 */
@Service
public class DirectoryCheckpoints {

	private static final Logger log = LoggerFactory.getLogger(DirectoryCheckpoints.class);

	private final Checkpoints checkpoints;

	private final FileSets fileSets;

	private final CheckpointRepository repository;

	private final CheckpointRetention retention;

	private final Clock clock;

	DirectoryCheckpoints(Checkpoints checkpoints, FileSets fileSets, CheckpointRepository repository,
			CheckpointRetention retention, Clock clock) {
		this.checkpoints = checkpoints;
		this.fileSets = fileSets;
		this.repository = repository;
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Stores the files of a checkpoint directory and records it as the run's checkpoint
	 * at {@code step}. The row is written in the caller's transaction, after every file
	 * and the manifest are stored; older checkpoints are pruned after it commits.
	 * @throws dev.trainyard.store.InvalidFileSetException when the directory holds a
	 * symbolic link or special file, or a file changes while it is stored
	 * @throws UncheckedIOException when the store cannot be written now (transient)
	 */
	public CheckpointRef save(String pipeline, String runId, int step, Path dir) {
		return this.checkpoints.timedWrite(() -> {
			try {
				FileSetManifest manifest = FileSets.scan(dir);
				String prefix = "checkpoints/%s/%s/%06d-%s".formatted(pipeline, runId, step,
						manifest.sha256().substring(0, 12));
				StoredFileSet stored = this.fileSets.store(dir, manifest, prefix);
				CheckpointRef ref = this.repository.insert(runId, pipeline, step, stored.manifestKey(),
						stored.location(), stored.manifestSize(), stored.sha256(), this.clock.instant(), true);
				this.retention.pruneAfterCommit(runId);
				return ref;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot store checkpoint " + dir + " of run " + runId, ex);
			}
		});
	}

	/**
	 * Restores the run's newest file-set checkpoint that verifies into {@code target}
	 * (absent or empty). Each newer one that does not is marked corrupt (in its own
	 * transaction) and named in a WARN, and the one before it is tried.
	 * @return the restored checkpoint, or empty when none verifies ({@code target} is
	 * then empty)
	 * @throws UncheckedIOException when the store cannot be read now (transient: nothing
	 * is marked corrupt)
	 */
	public Optional<RestoredCheckpoint> restoreLatest(String runId, Path target) {
		for (CheckpointRef ref : this.repository.findByRun(runId)) {
			if (ref.corrupt() || ref.deleted() || !ref.fileSet()) {
				continue;
			}
			try {
				return Optional.of(new RestoredCheckpoint(ref, target, restore(ref, target)));
			}
			catch (CheckpointCorruptException ex) {
				log.warn("Checkpoint at step {} of run {} is corrupt and will not be used: {}", ref.round(), runId,
						ex.getMessage());
				this.checkpoints.markCorrupt(ref, ex.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * Restores one file-set checkpoint into {@code target} (absent or empty), verified.
	 * @throws CheckpointCorruptException naming the manifest or file that is missing or
	 * different ({@code target} is then left empty)
	 * @throws UncheckedIOException when the store cannot be read now (transient)
	 */
	public FileSetManifest restore(CheckpointRef ref, Path target) {
		if (!ref.fileSet()) {
			throw new IllegalArgumentException(ref.location() + " is not a file-set checkpoint");
		}
		try {
			return this.fileSets.restore(ref.key(), ref.sha256(), target);
		}
		catch (FileSetCorruptException ex) {
			throw new CheckpointCorruptException(
					"checkpoint " + ref.location() + " cannot be used: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read checkpoint " + ref.location() + " now", ex);
		}
	}

}
