package dev.trainyard.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.trainyard.incident.IncidentView.TimelineEntry;

/**
 * Drafts a blameless post-incident review in Markdown from an incident: summary,
 * timeline, impact, the type's root-cause questions and prevention ideas, and empty
 * sections for the rest (at most three action items, each with an owner and a date).
 */
final class IncidentReview {

	private IncidentReview() {
	}

	static String draft(IncidentView incident, Instant now) {
		StringBuilder md = new StringBuilder();
		md.append("# Post-incident review: ").append(incident.title()).append("\n\n");
		md.append("Incident ")
			.append(incident.id())
			.append(" · `")
			.append(incident.type())
			.append("` · ")
			.append(incident.severity())
			.append(" · pipeline `")
			.append(incident.pipeline())
			.append("` · ")
			.append(incident.status())
			.append("\n\n");
		md.append("_Blameless: this review asks what in the system let this happen and how to make it less likely;"
				+ " it does not ask who is to blame._\n\n");
		md.append("## Summary\n\n");
		md.append("- **What**: ").append(incident.title()).append('\n');
		md.append("- **Detected**: ").append(text(incident.openedAt())).append(" by Trainyard\n");
		Instant end = (incident.resolvedAt() != null) ? incident.resolvedAt() : now;
		md.append("- **Resolved**: ")
			.append((incident.resolvedAt() != null) ? text(incident.resolvedAt()) : "not yet")
			.append(" (open for ")
			.append(duration(Duration.between(incident.openedAt(), end)))
			.append(")\n");
		md.append("- **Seen**: ")
			.append(incident.count())
			.append(" time(s); severity ")
			.append(incident.severity())
			.append("\n\n");
		md.append("## Impact\n\n");
		md.append("- Runs failed while it was open: ").append(incident.runsFailed()).append('\n');
		md.append("- Model age reached: ").append(ageReached(incident, end)).append("\n\n");
		md.append("## Timeline (UTC)\n\n| when | who | what | detail |\n|---|---|---|---|\n");
		for (TimelineEntry entry : incident.timeline()) {
			md.append("| ")
				.append(text(entry.at()))
				.append(" | ")
				.append(cell(entry.actor()))
				.append(" | ")
				.append(entry.action())
				.append(" | ")
				.append(cell(entry.detail()))
				.append(" |\n");
		}
		ReviewQuestions questions = ReviewQuestions.of(incident.type());
		md.append("\n## Root cause\n\nQuestions to answer:\n\n");
		list(md, questions.rootCause());
		md.append("\nRoot cause: _to be written_\n\n");
		md.append("## Contributing factors\n\n_to be written_\n\n");
		md.append("## What went well\n\n_to be written_\n\n");
		md.append("## What could be improved\n\n_to be written_\n\n");
		md.append("## Prevention ideas\n\n");
		list(md, questions.prevention());
		md.append("\n## Action items\n\nAt most three, each with an owner and a due date.\n\n");
		md.append("| # | action | owner | due |\n|---|---|---|---|\n| 1 | | | |\n| 2 | | | |\n| 3 | | | |\n");
		return md.toString();
	}

	private static String ageReached(IncidentView incident, Instant end) {
		if (incident.type() != IncidentType.FRESHNESS || incident.maxModelAgeSeconds() == null) {
			return "n/a (not a freshness incident)";
		}
		long seconds = incident.maxModelAgeSeconds();
		if (incident.resolvedAt() == null) {
			seconds += Math.max(0, Duration.between(incident.openedAt(), end).toSeconds());
		}
		return duration(Duration.ofSeconds(seconds));
	}

	private static void list(StringBuilder md, List<String> items) {
		items.forEach((item) -> md.append("- ").append(item).append('\n'));
	}

	private static String text(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private static String cell(String text) {
		return (text != null) ? text.replace("|", "\\|").replace("\n", " ") : "";
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + "s";
		}
		if (seconds < 7200) {
			return (seconds / 60) + "m";
		}
		return (seconds < 172_800) ? (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m"
				: (seconds / 86_400) + "d " + (seconds % 86_400 / 3600) + "h";
	}

}
