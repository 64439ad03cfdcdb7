package dev.trainyard.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.trainyard.store.FileSetManifest;
import dev.trainyard.store.StoredFileSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The model registry's facade: versions, their artifacts, the champion, its history and
 * its serving pointer. Methods join the caller's transaction (a step's chunk) when there
 * is one, except champion changes, which commit on their own ({@link ChampionPublisher}).
 */
@Service
public class ModelRegistry {

	private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

	private final ModelVersionRepository versions;

	private final ChampionRepository champions;

	private final ModelArtifacts artifacts;

	private final ChampionPublisher publisher;

	private final VersionAllocator allocator;

	private final Clock clock;

	ModelRegistry(ModelVersionRepository versions, ChampionRepository champions, ModelArtifacts artifacts,
			ChampionPublisher publisher, VersionAllocator allocator, Clock clock) {
		this.allocator = allocator;
		this.versions = versions;
		this.champions = champions;
		this.artifacts = artifacts;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Registers a candidate under the next version number (committed on its own, safe
	 * against concurrent runs) and writes its artifact to
	 * {@code models/<pipeline>/<version>/model.ubj}, checking the copy's SHA-256.
	 * Registering the same run again returns the version it already has.
	 */
	public ModelVersion register(NewModelVersion candidate) {
		return this.allocator.register(candidate);
	}

	/**
	 * Makes an approved version the champion (artifact verified, champion and history in
	 * one transaction, pointer last). A run's promotion changes the champion once,
	 * however often it is retried or restarted.
	 */
	public ModelVersion promote(String pipeline, int version, String actor, String reason, String runId) {
		ModelVersion target = version(pipeline, version);
		if (target.state() != VersionState.APPROVED && target.state() != VersionState.PROMOTED) {
			throw new VersionStateException(pipeline + " version " + version + " is " + target.state()
					+ ", not APPROVED: it cannot be promoted", target.state());
		}
		return this.publisher.publish(target, "PROMOTION", actor, reason, runId);
	}

	/**
	 * Moves the champion back: to {@code toVersion}, or when {@code null} to the version
	 * the current champion replaced. The target must have been champion before and its
	 * artifact must still verify.
	 */
	public ModelVersion rollback(String pipeline, Integer toVersion, String actor, String reason) {
		int current = this.champions.champion(pipeline)
			.orElseThrow(() -> new VersionStateException(pipeline + " has no champion to roll back", null));
		int target = (toVersion != null) ? toVersion : previousChampion(pipeline, current);
		ModelVersion version = version(pipeline, target);
		if (target == current) {
			throw new VersionStateException(pipeline + " version " + target + " is already the champion",
					version.state());
		}
		if (version.state() != VersionState.PROMOTED) {
			throw new VersionStateException(pipeline + " version " + target + " is " + version.state()
					+ " and was never champion; only a former champion can be rolled back to", version.state());
		}
		return this.publisher.publish(version, "ROLLBACK", actor,
				(reason != null) ? reason : "rollback from version " + current, null);
	}

	/**
	 * Records an approver's decision on a version awaiting approval.
	 * @throws VersionStateException when the version is not awaiting approval (nothing
	 * changes)
	 */
	@Transactional
	public ModelVersion decide(String pipeline, int version, VersionState decision, String actor, String comment) {
		ModelVersion current = version(pipeline, version);
		if (!this.versions.decide(pipeline, version, decision, actor, comment, this.clock.instant())) {
			ModelVersion now = version(pipeline, version);
			throw new VersionStateException(
					pipeline + " version " + version + " is " + now.state() + ", not AWAITING_APPROVAL", now.state());
		}
		log.info("{} version {} (run {}) is now {} by {}", pipeline, version, current.runId(), decision, actor);
		return version(pipeline, version);
	}

	/** Versions of every pipeline still awaiting approval, oldest first. */
	public List<ModelVersion> awaitingApproval() {
		return this.versions.findByState(VersionState.AWAITING_APPROVAL);
	}

	public Optional<ModelVersion> champion(String pipeline) {
		return this.champions.champion(pipeline).flatMap((version) -> this.versions.find(pipeline, version));
	}

	public Optional<ModelVersion> find(String pipeline, int version) {
		return this.versions.find(pipeline, version);
	}

	public Optional<ModelVersion> findByRun(String runId) {
		return this.versions.findByRun(runId);
	}

	public List<ModelVersion> versions(String pipeline) {
		return this.versions.findByPipeline(pipeline);
	}

	/**
	 * When the newest model version of {@code pipeline} was registered; empty before the
	 * first.
	 */
	public Optional<Instant> lastRegisteredAt(String pipeline) {
		return this.versions.lastCreatedAt(pipeline);
	}

	public List<ChampionChange> history(String pipeline) {
		return this.champions.history(pipeline);
	}

	/**
	 * Reads a version's artifact and checks it against the recorded SHA-256.
	 * @throws ArtifactUnavailableException when it is missing or different
	 */
	public byte[] artifact(ModelVersion version) {
		return this.artifacts.read(version);
	}

	/**
	 * Stores a command trainer's model directory before its run registers it: files, then
	 * the manifest, under {@code models/<pipeline>/runs/<runId>}. The manifest's key and
	 * SHA-256 are what {@link NewModelVersion#storedKey()} and
	 * {@link NewModelVersion#sha256()} then name.
	 */
	public StoredFileSet storeModelFiles(String pipeline, String runId, Path dir) {
		return this.artifacts.storeFiles(pipeline, runId, dir);
	}

	/**
	 * The bytes of a model manifest that {@link #storeModelFiles} stored, checked against
	 * its SHA-256 (what {@link NewModelVersion#model()} is for a set of files).
	 * @throws ArtifactUnavailableException when it is missing or different
	 */
	public byte[] storedManifest(String key, String sha256) {
		return this.artifacts.readManifest(key, sha256);
	}

	/**
	 * Restores a file-set version's files ({@link ModelVersion#isFileSet()}) into
	 * {@code target}, verified.
	 * @throws ArtifactUnavailableException when a file or the manifest is missing or
	 * different
	 */
	public FileSetManifest restoreFiles(ModelVersion version, Path target) {
		return this.artifacts.restoreFiles(version, target);
	}

	private int previousChampion(String pipeline, int current) {
		List<ChampionChange> history = this.champions.history(pipeline);
		for (int i = history.size() - 1; i >= 0; i--) {
			ChampionChange change = history.get(i);
			if (change.toVersion() == current && change.fromVersion() != null) {
				return change.fromVersion();
			}
		}
		throw new VersionStateException(pipeline + " version " + current + " has no previous champion to roll back to",
				VersionState.PROMOTED);
	}

	private ModelVersion version(String pipeline, int version) {
		return this.versions.find(pipeline, version)
			.orElseThrow(() -> new ModelVersionNotFoundException(pipeline, version));
	}

}
