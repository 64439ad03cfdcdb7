package dev.trainyard.incident;

/**
 * How bad an incident is, {@code SEV1} worst. The mapping from incident types is in
 * {@link IncidentType}; a condition that keeps repeating is raised (see
 * {@link #escalatedFor(int)}).
 */
public enum Severity {

	/** Production is serving a model far out of its objectives; page now. */
	SEV1("critical"),
	/**
	 * Production is affected or about to be (a stale model, a blocked promotion); page.
	 */
	SEV2("error"),
	/**
	 * A pipeline is broken while production still serves a good model; next business day.
	 */
	SEV3("warning"),
	/** Worth a look: a warning threshold was crossed. */
	SEV4("info");

	private final String level;

	Severity(String level) {
		this.level = level;
	}

	/**
	 * The level PagerDuty and Alertmanager receivers understand: {@code critical},
	 * {@code error}, {@code warning} or {@code info}.
	 */
	public String level() {
		return this.level;
	}

	/** The worse of the two. */
	public Severity worst(Severity other) {
		return (other.ordinal() < ordinal()) ? other : this;
	}

	/**
	 * This severity for an incident that happened {@code count} times: from the third
	 * occurrence a {@code SEV3} or {@code SEV4} is raised one level.
	 */
	public Severity escalatedFor(int count) {
		if (count >= 3 && (this == SEV3 || this == SEV4)) {
			return values()[ordinal() - 1];
		}
		return this;
	}

}
