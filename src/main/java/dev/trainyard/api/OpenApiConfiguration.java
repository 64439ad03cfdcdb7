package dev.trainyard.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's info and its HTTP Basic security scheme (springdoc serves it at
 * {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	static final String BASIC_AUTH = "basicAuth";

	@Bean
	OpenAPI trainyardOpenApi() {
		String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
		return new OpenAPI()
			.info(new Info().title("Trainyard")
				.version((version != null) ? version : "development")
				.description("Restartable train, validation gate and promotion pipelines. Every /api call needs "
						+ "HTTP Basic credentials; roles VIEWER (reads), OPERATOR (launch, restart, stop runs), "
						+ "APPROVER (approve, reject, roll back models), ADMIN (everything)."))
			.components(new Components().addSecuritySchemes(BASIC_AUTH,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
	}

}
