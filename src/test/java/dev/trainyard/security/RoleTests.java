package dev.trainyard.security;

import java.util.Collection;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoleTests {

	@Test
	void namesRolesInAnyCase() {
		assertThat(Role.of("viewer")).isEqualTo(Role.VIEWER);
		assertThat(Role.of(" Approver ")).isEqualTo(Role.APPROVER);
	}

	@Test
	void rejectsAnUnknownRoleNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Role.of("root")).withMessageContaining("'root'");
	}

	@Test
	void anAdminIsEverything() {
		assertThat(reachable("ADMIN")).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_APPROVER", "ROLE_OPERATOR",
				"ROLE_VIEWER");
	}

	@Test
	void anApproverAndAnOperatorReadButAreNotEachOther() {
		assertThat(reachable("APPROVER")).containsExactlyInAnyOrder("ROLE_APPROVER", "ROLE_VIEWER");
		assertThat(reachable("OPERATOR")).containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER");
		assertThat(reachable("VIEWER")).containsExactly("ROLE_VIEWER");
	}

	private static Collection<String> reachable(String role) {
		Collection<? extends GrantedAuthority> authorities = Role.hierarchy()
			.getReachableGrantedAuthorities(AuthorityUtils.createAuthorityList("ROLE_" + role));
		return AuthorityUtils.authorityListToSet(authorities);
	}

}
