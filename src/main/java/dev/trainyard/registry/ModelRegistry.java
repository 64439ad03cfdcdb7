package dev.trainyard.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.trainyard.store.BlobStore;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoredBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The model registry's facade: versions, their artifacts, the champion and its history.
 * Methods join the caller's transaction (a step's chunk) when there is one.
 */
@Service
public class ModelRegistry {

	private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

	private final ModelVersionRepository versions;

	private final ChampionRepository champions;

	private final BlobStore store;

	private final Clock clock;

	ModelRegistry(ModelVersionRepository versions, ChampionRepository champions, BlobStore store, Clock clock) {
		this.versions = versions;
		this.champions = champions;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Registers a candidate: copies its artifact to
	 * {@code models/<pipeline>/<version>/model.ubj}, checks the copy's SHA-256, then adds
	 * the version. Registering the same run again returns the version it already has.
	 */
	@Transactional
	public ModelVersion register(NewModelVersion candidate) {
		Optional<ModelVersion> existing = this.versions.findByRun(candidate.runId());
		if (existing.isPresent()) {
			return existing.get();
		}
		int version = this.versions.nextVersion(candidate.pipeline());
		String key = "models/%s/%d/model.ubj".formatted(candidate.pipeline(), version);
		StoredBlob blob = put(key, candidate.model());
		if (!blob.sha256().equals(candidate.sha256())) {
			throw new UncheckedIOException(new IOException("model artifact " + blob.location() + " has SHA-256 "
					+ blob.sha256() + " after copying, expected " + candidate.sha256()));
		}
		this.versions.insert(candidate, version, key, this.clock.instant());
		log.info("Registered {} version {} ({}) from run {}", candidate.pipeline(), version, candidate.state(),
				candidate.runId());
		return this.versions.find(candidate.pipeline(), version).orElseThrow();
	}

	/**
	 * Makes a version the champion and records the change. Promoting the version a run
	 * already promoted does nothing, so a restarted promotion changes the champion once.
	 */
	@Transactional
	public ModelVersion promote(String pipeline, int version, String actor, String reason, String runId) {
		ModelVersion candidate = version(pipeline, version);
		Optional<Integer> current = this.champions.champion(pipeline);
		if (runId != null && this.champions.promotedByRun(runId)) {
			return candidate;
		}
		this.champions.setChampion(pipeline, version, this.clock.instant());
		this.champions.appendHistory(pipeline, current.orElse(null), version, "PROMOTION", actor, reason, runId,
				this.clock.instant());
		this.versions.updateState(pipeline, version, VersionState.PROMOTED);
		log.info("{} champion is now version {} (was {}), by {}", pipeline, version, current.orElse(null), actor);
		return version(pipeline, version);
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

	public List<ChampionChange> history(String pipeline) {
		return this.champions.history(pipeline);
	}

	/**
	 * Reads a version's artifact and checks it against the recorded SHA-256.
	 */
	public byte[] artifact(ModelVersion version) {
		try (InputStream in = this.store.open(version.artifactKey())) {
			byte[] bytes = in.readAllBytes();
			String sha256 = Sha256.hex(bytes);
			if (!sha256.equals(version.sha256())) {
				throw new IllegalStateException("the artifact of " + version.pipeline() + " version "
						+ version.version() + " at " + this.store.location(version.artifactKey()) + " has SHA-256 "
						+ sha256 + ", expected " + version.sha256());
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the artifact of " + version.pipeline() + " version "
					+ version.version() + ": " + ex.getMessage(), ex);
		}
	}

	private ModelVersion version(String pipeline, int version) {
		return this.versions.find(pipeline, version)
			.orElseThrow(() -> new IllegalArgumentException(pipeline + " has no version " + version));
	}

	private StoredBlob put(String key, byte[] bytes) {
		try {
			return this.store.put(key, new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write model artifact " + this.store.location(key), ex);
		}
	}

}
