package dev.trainyard.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings that Spring knows on this classpath: every property of the
 * {@code META-INF/spring-configuration-metadata.json} files (Spring Boot's jars ship
 * theirs; Trainyard's is written by the configuration processor from its
 * {@code @ConfigurationProperties} records and
 * {@code additional-spring-configuration-metadata.json}). Tells whether a name given as
 * an environment variable or as a command line option ({@code --name=value}) is one of
 * them, in the canonical form of Spring Boot's relaxed binding:
 * {@code trainyard.store.s3.path-style-access} is
 * {@code TRAINYARD_STORE_S3_PATHSTYLEACCESS} (upper case, dots to underscores, dashes
 * removed) and {@code trainyard.security.users[0].name} is
 * {@code TRAINYARD_SECURITY_USERS_0_NAME}. A list property takes an index and, for a
 * record element, one of the record's components; a map property takes any key.
 * Properties whose deprecation level is {@code error} (no longer bound) do not count.
 */
final class SpringSettings {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private final List<Setting> settings;

	SpringSettings(List<Setting> settings) {
		this.settings = List.copyOf(settings);
	}

	static SpringSettings fromClasspath() {
		List<Setting> settings = new ArrayList<>();
		try {
			for (URL url : Collections.list(SpringSettings.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
						if (!"error".equals(property.path("deprecation").path("level").asString(""))) {
							settings
								.add(new Setting(property.path("name").asString(), property.path("type").asString("")));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new SpringSettings(settings);
	}

	int size() {
		return this.settings.size();
	}

	/**
	 * @param variable e.g. {@code TRAINYARD_STORE_S3_BUCKET}
	 */
	boolean isEnvironmentVariable(String variable) {
		return this.settings.stream().anyMatch((setting) -> setting.matches(variable, Form.ENVIRONMENT));
	}

	/**
	 * @param name e.g. {@code trainyard.store.s3.bucket} or
	 * {@code trainyard.security.users[0].name}
	 */
	boolean isOption(String name) {
		String dotted = INDEX.matcher(name).replaceAll(".$1");
		return this.settings.stream().anyMatch((setting) -> setting.matches(dotted, Form.OPTION));
	}

	/**
	 * How a name is written: its separator, and how a property or record component name
	 * ({@code path-style-access}, {@code deleteWhenRegistered}) is spelled in it.
	 */
	enum Form {

		ENVIRONMENT("_") {
			@Override
			String of(String name) {
				return INDEX.matcher(name)
					.replaceAll("_$1")
					.toUpperCase(Locale.ROOT)
					.replace('.', '_')
					.replace("-", "");
			}
		},

		OPTION(".") {
			@Override
			String of(String name) {
				return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
			}
		};

		final String separator;

		Form(String separator) {
			this.separator = separator;
		}

		abstract String of(String name);

	}

	/**
	 * One property of the metadata.
	 *
	 * @param name e.g. {@code trainyard.store.s3.bucket}
	 * @param type e.g. {@code java.lang.String},
	 * {@code java.util.List<dev.trainyard.security.SecurityProperties$User>}
	 */
	record Setting(String name, String type) {

		boolean matches(String candidate, Form form) {
			String property = form.of(this.name);
			if (candidate.equals(property)) {
				return true;
			}
			if (!candidate.startsWith(property + form.separator)) {
				return false;
			}
			String suffix = candidate.substring(property.length() + 1);
			if (this.type.startsWith("java.util.Map<")) {
				return !suffix.isEmpty();
			}
			return isCollection() && elementMatches(suffix, form);
		}

		private boolean isCollection() {
			return this.type.endsWith("[]") || this.type.startsWith("java.util.List<")
					|| this.type.startsWith("java.util.Set<") || this.type.startsWith("java.util.Collection<");
		}

		/**
		 * @param suffix what follows the property: an index, then nothing, or for a
		 * record element one of its components (and whatever follows a component), or for
		 * another bean anything; a value element (a string, a number, an enum) takes
		 * nothing more
		 */
		private boolean elementMatches(String suffix, Form form) {
			String[] parts = suffix.split(Pattern.quote(form.separator), 3);
			if (!DIGITS.matcher(parts[0]).matches()) {
				return false;
			}
			if (parts.length == 1) {
				return true;
			}
			Class<?> element = elementType();
			if (element == null) {
				return true;
			}
			if (!element.isRecord()) {
				return !isValue(element);
			}
			return Arrays.stream(element.getRecordComponents())
				.anyMatch((component) -> form.of(component.getName()).equals(parts[1]));
		}

		private static boolean isValue(Class<?> type) {
			return type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.");
		}

		/**
		 * @return the element class, or {@code null} when it cannot be told (not on this
		 * classpath): then anything may follow an index
		 */
		private Class<?> elementType() {
			String element = this.type.endsWith("[]") ? this.type.substring(0, this.type.length() - 2)
					: this.type.substring(this.type.indexOf('<') + 1, this.type.lastIndexOf('>'));
			try {
				return Class.forName(element, false, SpringSettings.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return null;
			}
		}

	}

}
