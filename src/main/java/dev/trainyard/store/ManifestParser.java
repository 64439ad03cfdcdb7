package dev.trainyard.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bytes of a {@link FileSetManifest} back, refusing anything that is not
 * exactly what {@link FileSetManifest#bytes()} writes.
 */
final class ManifestParser {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ManifestParser() {
	}

	/**
	 * @throws FileSetCorruptException naming {@code location} when the bytes are not a
	 * manifest
	 */
	static FileSetManifest parse(byte[] bytes, String location) {
		JsonNode root;
		try {
			root = MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw corrupt(location, "is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject() || !FileSetManifest.FORMAT.equals(root.path("format").asString(null))
				|| !root.path("files").isArray()) {
			throw corrupt(location, "is not a " + FileSetManifest.FORMAT + " manifest");
		}
		List<FileSetManifest.Entry> entries = new ArrayList<>();
		for (JsonNode file : root.path("files")) {
			JsonNode path = file.path("path");
			JsonNode size = file.path("size");
			JsonNode sha256 = file.path("sha256");
			if (!path.isString() || !size.canConvertToLong() || !size.isIntegralNumber() || !sha256.isString()) {
				throw corrupt(location, "has an entry without a path, size and sha256: " + file);
			}
			try {
				entries.add(new FileSetManifest.Entry(path.asString(), size.asLong(), sha256.asString()));
			}
			catch (IllegalArgumentException ex) {
				throw corrupt(location, "has an unusable entry: " + ex.getMessage());
			}
		}
		FileSetManifest manifest;
		try {
			manifest = new FileSetManifest(entries);
		}
		catch (IllegalArgumentException ex) {
			throw corrupt(location, "is inconsistent: " + ex.getMessage());
		}
		if (!Arrays.equals(manifest.bytes(), bytes)) {
			throw corrupt(location, "is not in the canonical form this store writes (sorted entries, one a line)");
		}
		return manifest;
	}

	private static FileSetCorruptException corrupt(String location, String problem) {
		return new FileSetCorruptException("the manifest " + location + " " + problem);
	}

}
