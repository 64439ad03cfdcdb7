package dev.trainyard.security;

import java.util.regex.Pattern;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Configured passwords as Spring Security's {@link PasswordEncoder delegating encoder}
 * stores them: {@code {id}…} as given, a bare BCrypt hash as {@code {bcrypt}…}, anything
 * else as plain text ({@code {noop}…}).
 */
final class StoredPasswords {

	private static final Pattern ID = Pattern.compile("^\\{([^{}]+)}.*", Pattern.DOTALL);

	private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./0-9A-Za-z]{53}$");

	private StoredPasswords() {
	}

	static PasswordEncoder encoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * The password with the id of its encoding in front.
	 * @throws IllegalArgumentException when it names an encoding the encoder does not
	 * know
	 */
	static String stored(String password, PasswordEncoder encoder) {
		if (ID.matcher(password).matches()) {
			requireKnownEncoding(password, encoder);
			return password;
		}
		return (BCRYPT.matcher(password).matches() ? "{bcrypt}" : "{noop}") + password;
	}

	private static void requireKnownEncoding(String password, PasswordEncoder encoder) {
		String id = password.substring(1, password.indexOf('}'));
		if (id.equals("bcrypt") || id.equals("noop")) {
			return;
		}
		try {
			encoder.matches("probe", password);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("its password names an unknown encoding '{" + id
					+ "}'; use {bcrypt}, {noop}, another id Spring Security knows, or a bare BCrypt hash");
		}
	}

}
