package dev.trainyard;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code trainyard.data-dir} (set with {@code --data-dir=DIR}) an absolute path, so
 * everything derived from it — the H2 database URL, the file store — works from any
 * working directory with a relative path too.
 */
class DataDirEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DATA_DIR = "trainyard.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String dataDir = environment.getProperty(DATA_DIR);
		if (dataDir != null && !dataDir.isBlank()) {
			String absolute = Path.of(dataDir).toAbsolutePath().normalize().toString();
			environment.getPropertySources()
				.addFirst(new MapPropertySource("trainyardDataDir", Map.of(DATA_DIR, absolute)));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
