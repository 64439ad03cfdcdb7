package dev.trainyard.incident.delivery;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sink that cannot work stops the start with a message naming it; the others get names,
 * and their secrets are not shown.
 */
class IncidentSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void anUnknownSinkTypeFailsTheStartNamingTheSink() {
		this.runner
			.withPropertyValues("trainyard.incidents.sinks[0].type=webhook",
					"trainyard.incidents.sinks[0].url=http://localhost/a", "trainyard.incidents.sinks[1].type=pigeon",
					"trainyard.incidents.sinks[1].url=http://localhost/b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("trainyard.incidents.sinks[1].type")
				.hasMessageContaining("pigeon"));
	}

	@Test
	void aSinkWithoutUrlFailsTheStartNamingTheSink() {
		this.runner.withPropertyValues("trainyard.incidents.sinks[0].type=slack")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("trainyard.incidents.sinks[0].url"));
	}

	@Test
	void pagerDutyNeedsARoutingKeyButNoUrl() {
		this.runner.withPropertyValues("trainyard.incidents.sinks[0].type=pagerduty")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("trainyard.incidents.sinks[0].routing-key"));
		this.runner
			.withPropertyValues("trainyard.incidents.sinks[0].type=PagerDuty",
					"trainyard.incidents.sinks[0].routing-key=R0UT1NG")
			.run((context) -> assertThat(context.getBean(IncidentProperties.class).sinks()).singleElement()
				.satisfies((sink) -> {
					assertThat(sink.name()).isEqualTo("pagerduty");
					assertThat(sink.type()).isEqualTo("pagerduty");
					assertThat(sink.toString()).doesNotContain("R0UT1NG");
				}));
	}

	@Test
	void sinksOfOneTypeAreNamedByTheirIndex() {
		this.runner
			.withPropertyValues("trainyard.incidents.sinks[0].type=webhook",
					"trainyard.incidents.sinks[0].url=http://localhost/a", "trainyard.incidents.sinks[1].type=webhook",
					"trainyard.incidents.sinks[1].url=http://localhost/b", "trainyard.incidents.sinks[2].type=slack",
					"trainyard.incidents.sinks[2].url=http://localhost/c", "trainyard.incidents.sinks[2].name=ops")
			.run((context) -> assertThat(context.getBean(IncidentProperties.class).sinks())
				.extracting(IncidentProperties.Sink::name)
				.containsExactly("webhook-0", "webhook-1", "ops"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IncidentProperties.class)
	static class Settings {

	}

}
