package dev.trainyard.registry;

/**
 * Where a model version is in its life.
 */
public enum VersionState {

	/** Passed its gates; waits for an approver. */
	AWAITING_APPROVAL,
	/** Passed its gates (and approval where needed); about to be promoted. */
	APPROVED,
	/** Became the champion (it may since have been replaced). */
	PROMOTED,
	/** An approver said no. */
	REJECTED,
	/** Nobody decided before the approval request expired. */
	EXPIRED,
	/** A newer candidate replaced it while it waited. */
	SUPERSEDED

}
