package dev.trainyard.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Trainyard's runbook for each incident type: the signals that open it, what usually
 * causes it, what to do now, how to investigate and whom to escalate to. They are data,
 * in {@code runbooks.yaml} next to this class.
 */
final class Runbooks {

	private static final Map<IncidentType, Runbook> RUNBOOKS = read("runbooks.yaml");

	private Runbooks() {
	}

	static Runbook of(IncidentType type) {
		return RUNBOOKS.get(type);
	}

	private static Map<IncidentType, Runbook> read(String resource) {
		try (InputStream yaml = Runbooks.class.getResourceAsStream(resource)) {
			if (yaml == null) {
				throw new IllegalStateException("no " + resource + " next to " + Runbooks.class.getName());
			}
			return new EnumMap<>(new YAMLMapper().readValue(yaml, new TypeReference<Map<IncidentType, Runbook>>() {
			}));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
