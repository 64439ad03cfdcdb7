package dev.trainyard.incident;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one open incident of a pipeline and type, as the tests look for it.
 */
final class OpenIncidents {

	private OpenIncidents() {
	}

	static IncidentView one(Incidents incidents, String pipeline, IncidentType type) {
		List<IncidentView> open = incidents.list("open", pipeline, 50)
			.stream()
			.filter((incident) -> incident.type() == type)
			.toList();
		assertThat(open).as("open %s incidents of %s", type, pipeline).hasSize(1);
		return open.get(0);
	}

	static List<IncidentType> types(Incidents incidents, String pipeline) {
		return incidents.list("open", pipeline, 50).stream().map(IncidentView::type).toList();
	}

}
