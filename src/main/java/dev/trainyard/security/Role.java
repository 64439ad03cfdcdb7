package dev.trainyard.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * The roles of the API. {@code ADMIN} is both an approver and an operator; either of them
 * is a viewer, but an approver is not an operator nor the other way round.
 */
enum Role {

	/** Reads everything ({@code GET}). */
	VIEWER,
	/** Launches, restarts and stops runs. */
	OPERATOR,
	/** Approves and rejects model versions, rolls a champion back. */
	APPROVER,
	/** Everything. */
	ADMIN;

	static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

	static RoleHierarchy hierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(ADMIN.name())
			.implies(APPROVER.name(), OPERATOR.name())
			.role(APPROVER.name())
			.implies(VIEWER.name())
			.role(OPERATOR.name())
			.implies(VIEWER.name())
			.build();
	}

	/**
	 * The role of that name, in any case.
	 * @throws IllegalArgumentException for an unknown role
	 */
	static Role of(String name) {
		String normalized = (name != null) ? name.trim().toUpperCase(Locale.ROOT) : "";
		return Arrays.stream(values())
			.filter((role) -> role.name().equals(normalized))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown role '" + name + "'; expected one of " + NAMES));
	}

}
