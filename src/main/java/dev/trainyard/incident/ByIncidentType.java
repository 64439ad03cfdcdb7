package dev.trainyard.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import tools.jackson.databind.JavaType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a table of this package's resources that has an entry per {@link IncidentType}
 * (the runbooks, the review questions).
 */
final class ByIncidentType {

	private ByIncidentType() {
	}

	static <T> Map<IncidentType, T> read(String resource, Class<T> entry) {
		YAMLMapper yaml = new YAMLMapper();
		JavaType table = yaml.getTypeFactory().constructMapType(EnumMap.class, IncidentType.class, entry);
		try (InputStream in = ByIncidentType.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("no " + resource + " in " + ByIncidentType.class.getPackageName());
			}
			return yaml.readValue(in, table);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
