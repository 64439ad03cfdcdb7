package dev.trainyard.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users a server starts with: configured ones checked (a bad one stops the start and
 * is named), or a generated admin whose password is logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityStartupTests {

	private static final Pattern GENERATED = Pattern
		.compile("Generated password for user 'admin': (\\S+); set trainyard.security.users to configure your own");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withUserConfiguration(SecurityConfiguration.class);

	@Test
	void generatesAnAdminPasswordAndLogsItOnceWithoutConfiguredUsers(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			UserDetails admin = context.getBean(UserDetailsService.class).loadUserByUsername("admin");
			assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
			Matcher logged = GENERATED.matcher(output.getOut());
			assertThat(logged.find()).isTrue();
			String password = logged.group(1);
			assertThat(logged.find()).as("logged a second time").isFalse();
			assertThat(output.getOut()).contains("WARN");
			assertThat(context.getBean(PasswordEncoder.class).matches(password, admin.getPassword())).isTrue();
		});
	}

	@Test
	void neverLogsConfiguredPasswords(CapturedOutput output) {
		this.runner.withPropertyValues("trainyard.security.users[0].name=vera",
				"trainyard.security.users[0].password=plain-secret-4711", "trainyard.security.users[0].roles=viewer")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("vera").getAuthorities())
					.extracting(Object::toString)
					.containsExactly("ROLE_VIEWER");
			});
		assertThat(output).doesNotContain("plain-secret-4711").doesNotContain("Generated password");
	}

	@Test
	void failsToStartWithAnUnknownRoleAndNamesTheUserAndTheRole() {
		this.runner
			.withPropertyValues("trainyard.security.users[0].name=vera", "trainyard.security.users[0].password=x",
					"trainyard.security.users[0].roles=VIEWER", "trainyard.security.users[1].name=bob",
					"trainyard.security.users[1].password=y", "trainyard.security.users[1].roles=viewer,superuser")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("trainyard.security.users[1] ('bob')")
				.hasMessageContaining("unknown role 'superuser'")
				.hasMessageContaining("VIEWER, OPERATOR, APPROVER, ADMIN"));
	}

	@Test
	void failsToStartWithAUserWithoutRoles() {
		this.runner
			.withPropertyValues("trainyard.security.users[0].name=nobody", "trainyard.security.users[0].password=x")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("('nobody')"));
	}

	@Test
	void failsToStartWithTwoUsersOfOneName() {
		this.runner
			.withPropertyValues("trainyard.security.users[0].name=vera", "trainyard.security.users[0].password=x",
					"trainyard.security.users[0].roles=VIEWER", "trainyard.security.users[1].name=vera",
					"trainyard.security.users[1].password=y", "trainyard.security.users[1].roles=ADMIN")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("trainyard.security.users[1] ('vera')"));
	}

	@Test
	void failsToStartWithAPasswordOfAnUnknownEncoding() {
		this.runner
			.withPropertyValues("trainyard.security.users[0].name=vera",
					"trainyard.security.users[0].password={rot13}frperg", "trainyard.security.users[0].roles=VIEWER")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("('vera')")
				.hasMessageContaining("{rot13}")
				.hasMessageNotContaining("frperg"));
	}

	@Test
	void failsToStartWithABlankPassword() {
		this.runner
			.withPropertyValues("trainyard.security.users[0].name=vera", "trainyard.security.users[0].password= ",
					"trainyard.security.users[0].roles=VIEWER")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void staysOutOfApplicationsWithoutAWebServer() {
		new ApplicationContextRunner().withUserConfiguration(SecurityConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SecurityFilterChain.class)
				.doesNotHaveBean(UserDetailsService.class)
				.doesNotHaveBean(SecurityProperties.class));
	}

}
