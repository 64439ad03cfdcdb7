package dev.trainyard.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.trainyard.store.BlobNotFoundException;
import dev.trainyard.store.BlobStore;
import tools.jackson.core.type.TypeReference;

import org.springframework.stereotype.Component;

/**
 * The serving pointer {@code models/<pipeline>/champion.json} that model servers poll:
 * version, sha256, location and promotion time of the champion. Written atomically by the
 * store, and only after the artifact it names was verified.
 */
@Component
class ChampionPointer {

	private static final TypeReference<Map<String, Object>> POINTER = new TypeReference<>() {
	};

	private final BlobStore store;

	ChampionPointer(BlobStore store) {
		this.store = store;
	}

	static String key(String pipeline) {
		return "models/%s/champion.json".formatted(pipeline);
	}

	Optional<byte[]> read(String pipeline) {
		try (InputStream in = this.store.open(key(pipeline))) {
			return Optional.of(in.readAllBytes());
		}
		catch (BlobNotFoundException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + this.store.location(key(pipeline)), ex);
		}
	}

	void write(ModelVersion champion, Instant promotedAt) {
		Map<String, Object> pointer = new LinkedHashMap<>();
		pointer.put("pipeline", champion.pipeline());
		pointer.put("version", champion.version());
		pointer.put("sha256", champion.sha256());
		pointer.put("location", this.store.location(champion.artifactKey()));
		pointer.put("promotedAt", promotedAt.toString());
		put(champion.pipeline(), Json.write(pointer).getBytes());
	}

	/** The version the pointer names, if there is a pointer. */
	Optional<Integer> version(String pipeline) {
		return read(pipeline).map((bytes) -> Json.read(new String(bytes, StandardCharsets.UTF_8), POINTER))
			.map((pointer) -> ((Number) pointer.get("version")).intValue());
	}

	void delete(String pipeline) {
		try {
			this.store.delete(key(pipeline));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + this.store.location(key(pipeline)), ex);
		}
	}

	private void put(String pipeline, byte[] bytes) {
		try {
			this.store.put(key(pipeline), new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + this.store.location(key(pipeline)), ex);
		}
	}

}
