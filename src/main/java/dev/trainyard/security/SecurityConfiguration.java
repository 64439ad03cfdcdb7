package dev.trainyard.security;

import dev.trainyard.web.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The server's security: HTTP Basic, no session, every {@code /api/**} call authenticated
 * and allowed by {@link Role}; health, Swagger UI and the OpenAPI document open, the
 * Prometheus metrics open unless {@code trainyard.security.protect-metrics}. Only in a
 * web application: the CLI has no server to protect. Import it into {@code @WebMvcTest}
 * slices, which do not load it by themselves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

	private static final String VIEWER = Role.VIEWER.name();

	private static final String OPERATOR = Role.OPERATOR.name();

	private static final String APPROVER = Role.APPROVER.name();

	private static final String ADMIN = Role.ADMIN.name();

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, JsonMapper json) {
		ProblemResponses problems = new ProblemResponses(json);
		ProblemSecurityAnswers answers = new ProblemSecurityAnswers(problems);
		http.authorizeHttpRequests((requests) -> authorize(requests, properties.protectMetrics()))
			.httpBasic((basic) -> basic.realmName(ProblemSecurityAnswers.REALM).authenticationEntryPoint(answers))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**"))
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	private static void authorize(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			boolean protectMetrics) {
		requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
			.permitAll()
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
					"/swagger-ui/**")
			.permitAll();
		if (protectMetrics) {
			requests.requestMatchers("/actuator/prometheus").hasRole(VIEWER);
		}
		else {
			requests.requestMatchers("/actuator/prometheus").permitAll();
		}
		requests.requestMatchers("/actuator/**")
			.hasRole(VIEWER)
			.requestMatchers(HttpMethod.POST, "/api/pipelines/*/runs", "/api/pipelines/reload", "/api/runs/*/restart",
					"/api/runs/*/stop", "/api/incidents/*/acknowledge", "/api/incidents/*/mitigate",
					"/api/incidents/*/resolve")
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.POST, "/api/models/*/versions/*/approve", "/api/models/*/versions/*/reject",
					"/api/models/*/rollback")
			.hasRole(APPROVER)
			.requestMatchers(HttpMethod.GET, "/api/**")
			.hasRole(VIEWER)
			.requestMatchers("/api/**")
			.hasRole(ADMIN)
			.anyRequest()
			.authenticated();
	}

	/**
	 * Requests that Spring Security's firewall refuses (an encoded {@code ..}, a
	 * semicolon, a backslash in the path) get a problem detail too.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
		ProblemResponses problems = new ProblemResponses(json);
		return (request, response, rejected) -> problems.write(response, HttpStatus.BAD_REQUEST.value(), "bad-request",
				"The request was refused: " + rejected.getMessage(), request.getRequestURI());
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return Role.hierarchy();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return StoredPasswords.encoder();
	}

	@Bean
	UserDetailsService userDetailsService(SecurityProperties properties, PasswordEncoder passwordEncoder) {
		return new InMemoryUserDetailsManager(UserAccounts.of(properties, passwordEncoder));
	}

}
