package dev.trainyard.incident;

import java.util.List;
import java.util.Map;

/**
 * The root-cause questions and prevention ideas a post-incident review starts from, per
 * incident type: data, in {@code review-questions.yaml} next to this class.
 */
record ReviewQuestions(List<String> rootCause, List<String> prevention) {

	private static final Map<IncidentType, ReviewQuestions> QUESTIONS = ByIncidentType.read("review-questions.yaml",
			ReviewQuestions.class);

	static ReviewQuestions of(IncidentType type) {
		return QUESTIONS.get(type);
	}

}
