package dev.trainyard.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users of {@code trainyard.security.users}, checked; or, with none, one
 * {@code admin} with a generated password that is logged once.
 */
final class UserAccounts {

	static final String GENERATED_USER = "admin";

	private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

	private UserAccounts() {
	}

	/**
	 * @throws IllegalStateException naming the user when one is misconfigured
	 */
	static List<UserDetails> of(SecurityProperties properties, PasswordEncoder encoder) {
		if (properties.users().isEmpty()) {
			return List.of(generatedAdmin());
		}
		List<UserDetails> users = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < properties.users().size(); i++) {
			SecurityProperties.User user = properties.users().get(i);
			String where = "trainyard.security.users[" + i + "] ('" + user.name() + "')";
			if (!names.add(user.name())) {
				throw new IllegalStateException(where + ": the name is used by another user too");
			}
			try {
				users.add(User.withUsername(user.name())
					.password(StoredPasswords.stored(user.password(), encoder))
					.roles(roles(user))
					.build());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(where + ": " + ex.getMessage());
			}
		}
		return users;
	}

	private static String[] roles(SecurityProperties.User user) {
		if (user.roles().isEmpty()) {
			throw new IllegalArgumentException("it has no roles; give it one or more of " + Role.NAMES);
		}
		return user.roles().stream().map(Role::of).map(Role::name).distinct().toArray(String[]::new);
	}

	private static UserDetails generatedAdmin() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		log.warn("Generated password for user '{}': {}; set trainyard.security.users to configure your own",
				GENERATED_USER, password);
		return User.withUsername(GENERATED_USER).password("{noop}" + password).roles(Role.ADMIN.name()).build();
	}

}
