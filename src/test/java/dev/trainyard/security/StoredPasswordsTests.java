package dev.trainyard.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoredPasswordsTests {

	private final PasswordEncoder encoder = StoredPasswords.encoder();

	@Test
	void keepsAPasswordWithAnEncodingId() {
		assertThat(StoredPasswords.stored("{noop}secret", this.encoder)).isEqualTo("{noop}secret");
		String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("secret");
		assertThat(StoredPasswords.stored(pbkdf2, this.encoder)).isEqualTo(pbkdf2);
		assertThat(this.encoder.matches("secret", pbkdf2)).isTrue();
	}

	@Test
	void takesABareBcryptHashForBcrypt() {
		for (BCryptPasswordEncoder.BCryptVersion version : BCryptPasswordEncoder.BCryptVersion.values()) {
			String hash = new BCryptPasswordEncoder(version, 4).encode("secret");
			String stored = StoredPasswords.stored(hash, this.encoder);
			assertThat(stored).isEqualTo("{bcrypt}" + hash);
			assertThat(this.encoder.matches("secret", stored)).isTrue();
		}
	}

	@Test
	void takesAnythingElseForPlainText() {
		assertThat(StoredPasswords.stored("secret", this.encoder)).isEqualTo("{noop}secret");
		assertThat(StoredPasswords.stored("$2a$not-a-hash", this.encoder)).isEqualTo("{noop}$2a$not-a-hash");
		assertThat(this.encoder.matches("$2a$not-a-hash", "{noop}$2a$not-a-hash")).isTrue();
	}

	@Test
	void rejectsAnUnknownEncodingWithoutShowingThePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> StoredPasswords.stored("{rot13}frperg", this.encoder))
			.withMessageContaining("{rot13}")
			.withMessageNotContaining("frperg");
	}

}
