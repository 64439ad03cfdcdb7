package dev.trainyard.registry;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON columns of the registry tables.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static String write(Object value) {
		return (value != null) ? MAPPER.writeValueAsString(value) : null;
	}

	static <T> T read(String json, TypeReference<T> type) {
		return (json != null) ? MAPPER.readValue(json, type) : null;
	}

}
