package dev.trainyard.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * What {@link TrainyardTest} does to a test class's application context: its own data and
 * jobs dirs ({@link TestDirs}), on {@link OnEveryBackend} suites a fresh database and
 * store of the current {@link Backend}, and the test defaults (runs on the caller's
 * thread without a web server, a 1 s heartbeat) unless the class sets them. Every test
 * class gets a context of its own.
 */
class TrainyardTestCustomizerFactory implements ContextCustomizerFactory {

	private static final String INLINED = "Inlined Test Properties";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MergedAnnotations annotations = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY);
		if (!annotations.isPresent(TrainyardTest.class)) {
			return null;
		}
		MergedAnnotation<SpringBootTest> boot = annotations.get(SpringBootTest.class);
		boolean web = boot.isPresent()
				&& boot.getEnum("webEnvironment", SpringBootTest.WebEnvironment.class).isEmbedded();
		return new Customizer(testClass, web, annotations.isPresent(OnEveryBackend.class));
	}

	private record Customizer(Class<?> testClass, boolean web, boolean everyBackend) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			ConfigurableEnvironment environment = context.getEnvironment();
			MutablePropertySources sources = environment.getPropertySources();
			Map<String, Object> where = new LinkedHashMap<>();
			where.put("trainyard.data-dir", TestDirs.data(this.testClass).toString());
			where.put("jobs-dir", TestDirs.jobs(this.testClass).toString());
			if (this.everyBackend) {
				where.putAll(Backend.current().newSettings());
			}
			sources.addFirst(new MapPropertySource("trainyardTestDirs", where));
			Map<String, Object> defaults = new LinkedHashMap<>();
			defaults.put("trainyard.runs.heartbeat-interval", "1s");
			defaults.put("trainyard.runs.handle-signals", "false");
			if (!this.web) {
				defaults.put("trainyard.runs.asynchronous", "false");
			}
			MapPropertySource source = new MapPropertySource("trainyardTestDefaults", defaults);
			if (sources.contains(INLINED)) {
				sources.addAfter(INLINED, source);
			}
			else {
				sources.addAfter("trainyardTestDirs", source);
			}
		}

	}

}
