package dev.trainyard.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the server's API, and whether the metrics need a login.
 *
 * @param users the users; with none, one {@code admin} user with a generated password
 * @param protectMetrics whether {@code /actuator/prometheus} needs the {@code VIEWER}
 * role (open by default)
 */
@Validated
@ConfigurationProperties("trainyard.security")
record SecurityProperties(List<@Valid User> users, boolean protectMetrics) {

	public SecurityProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/**
	 * A user of the API.
	 *
	 * @param name the login name
	 * @param password {@code {bcrypt}…}, {@code {noop}…} (or another id Spring Security
	 * knows), a bare BCrypt hash, or else the password in plain text
	 * @param roles {@code VIEWER}, {@code OPERATOR}, {@code APPROVER} or {@code ADMIN},
	 * in any case
	 */
	public record User(@NotBlank String name, @NotBlank String password, List<String> roles) {

		public User {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

		@Override
		public String toString() {
			return "User[name=" + this.name + ", roles=" + this.roles + "]";
		}

	}

}
