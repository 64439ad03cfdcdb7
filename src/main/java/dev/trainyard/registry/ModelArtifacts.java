package dev.trainyard.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.trainyard.store.BlobCorruptException;
import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStore;
import dev.trainyard.store.FileSetCorruptException;
import dev.trainyard.store.FileSetManifest;
import dev.trainyard.store.FileSets;
import dev.trainyard.store.Sha256;
import dev.trainyard.store.StoredBlob;
import dev.trainyard.store.StoredFileSet;

import org.springframework.stereotype.Component;

/**
 * A version's files in the artifact store: {@code models/<pipeline>/<version>/model.ubj}
 * and its descriptor {@code model.json} (version, sha256, metrics, lineage).
 */
@Component
class ModelArtifacts {

	private final BlobStore store;

	private final FileSets fileSets;

	ModelArtifacts(BlobStore store, FileSets fileSets) {
		this.store = store;
		this.fileSets = fileSets;
	}

	/**
	 * The key prefix of a command trainer's model, stored by its run before it is
	 * registered ({@code models/<pipeline>/runs/<runId>}); its manifest becomes the
	 * version's artifact.
	 */
	static String candidatePrefix(String pipeline, String runId) {
		return "models/%s/runs/%s".formatted(pipeline, runId);
	}

	/**
	 * Stores a model directory (files, then manifest) under the run's candidate prefix.
	 */
	StoredFileSet storeFiles(String pipeline, String runId, Path dir) {
		try {
			return this.fileSets.store(dir, FileSets.scan(dir), candidatePrefix(pipeline, runId));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot store the model " + dir + " of run " + runId, ex);
		}
	}

	/**
	 * Reads a stored manifest back, checked against {@code sha256}.
	 * @throws ArtifactUnavailableException when it is missing or different
	 */
	byte[] readManifest(String key, String sha256) {
		String location = this.store.location(key);
		try (InputStream in = this.store.open(key)) {
			byte[] bytes = in.readAllBytes();
			if (!Sha256.hex(bytes).equals(sha256)) {
				throw new ArtifactUnavailableException(
						location + " has SHA-256 " + Sha256.hex(bytes) + ", expected " + sha256);
			}
			return bytes;
		}
		catch (BlobNotFoundException | BlobCorruptException ex) {
			throw new ArtifactUnavailableException(location + " cannot be used: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + location + " now", ex);
		}
	}

	/**
	 * Restores a file-set version's files into {@code target} (absent or empty), each
	 * verified against the manifest and the manifest against the version's SHA-256.
	 * @throws ArtifactUnavailableException when a file or the manifest is missing or
	 * different
	 */
	FileSetManifest restoreFiles(ModelVersion version, Path target) {
		try {
			return this.fileSets.restore(version.artifactKey(), version.sha256(), target);
		}
		catch (FileSetCorruptException ex) {
			throw new ArtifactUnavailableException(version, ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + this.store.location(version.artifactKey()) + " now", ex);
		}
	}

	static String modelKey(String pipeline, int version) {
		return "models/%s/%d/model.ubj".formatted(pipeline, version);
	}

	static String descriptorKey(String pipeline, int version) {
		return "models/%s/%d/model.json".formatted(pipeline, version);
	}

	String location(String key) {
		return this.store.location(key);
	}

	/**
	 * Writes a model's bytes, which the store checks against the expected SHA-256
	 * (nothing is stored when they differ).
	 */
	void writeModel(String key, byte[] model, String sha256) {
		try {
			this.store.put(key, new ByteArrayInputStream(model), model.length, sha256);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write model artifact " + this.store.location(key), ex);
		}
	}

	void writeDescriptor(ModelVersion version) {
		Map<String, Object> descriptor = new LinkedHashMap<>();
		descriptor.put("pipeline", version.pipeline());
		descriptor.put("version", version.version());
		descriptor.put("sha256", version.sha256());
		descriptor.put("size", version.size());
		descriptor.put("location", this.store.location(version.artifactKey()));
		descriptor.put("metrics", version.metrics());
		descriptor.put("lineage", Map.of("runId", version.runId(), "datasetSha256", version.datasetFingerprint(),
				"parameters", version.parameters(), "createdAt", version.createdAt().toString()));
		put(descriptorKey(version.pipeline(), version.version()), Json.write(descriptor).getBytes());
	}

	/**
	 * Reads a version's model and checks it against the recorded SHA-256.
	 * @throws ArtifactUnavailableException when it is missing, unreadable or different
	 */
	byte[] read(ModelVersion version) {
		String location = this.store.location(version.artifactKey());
		try (InputStream in = this.store.open(version.artifactKey())) {
			byte[] bytes = in.readAllBytes();
			String sha256 = Sha256.hex(bytes);
			if (!sha256.equals(version.sha256())) {
				throw new ArtifactUnavailableException(version,
						location + " has SHA-256 " + sha256 + ", expected " + version.sha256());
			}
			return bytes;
		}
		catch (BlobNotFoundException | BlobCorruptException ex) {
			throw new ArtifactUnavailableException(version, location + " cannot be used: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + location + " now", ex);
		}
	}

	private StoredBlob put(String key, byte[] bytes) {
		try {
			return this.store.put(key, new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.store.location(key), ex);
		}
	}

}
